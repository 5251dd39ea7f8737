// The person form (Mẫu 01 individual / Mẫu 02 organization) without React: the fields of each
// kind, the known ID issue places, a stored person as form values, the body POST (and PUT)
// /api/v1/subscribers takes, and one message list per field from the browser's checks and the
// server's findings.
import type { Finding, NewSubscriberBody, Subscriber } from '../../api/types';
import type { Lang } from '../../lib/format';
import { checkPerson, findingText, type FieldMessage } from '../../lib/validation';

export type PersonKind = 'individual' | 'organization';

export type PersonField =
  | 'full_name'
  | 'dob'
  | 'cccd'
  | 'cccd_date'
  | 'cccd_place'
  | 'email'
  | 'phone'
  | 'position'
  | 'manager_name'
  | 'device'
  | 'carrier';

const INDIVIDUAL: readonly PersonField[] = [
  'full_name',
  'dob',
  'cccd',
  'cccd_date',
  'cccd_place',
  'position',
  'email',
  'phone',
  'device',
  'carrier',
];

const ORGANIZATION: readonly PersonField[] = ['full_name', 'manager_name', 'email', 'phone', 'device', 'carrier'];

/** The fields on the form for a kind; the carrier only for a SIM. */
export function personFieldsFor(kind: PersonKind, device?: string): PersonField[] {
  const list = kind === 'organization' ? ORGANIZATION : INDIVIDUAL;
  return list.filter((f) => f !== 'carrier' || device === 'SIM');
}

/** The fields the server requires for each kind (completeness, SPEC §5). */
export function requiredPersonFields(kind: PersonKind): PersonField[] {
  return kind === 'organization'
    ? ['full_name', 'email', 'manager_name']
    : ['full_name', 'dob', 'cccd', 'cccd_date', 'cccd_place', 'email', 'position'];
}

export const DEVICE_ORDER = ['TOKEN', 'SIM', 'SOFT', 'RSSP', 'HSM'] as const;

export const CARRIERS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile', 'Gmobile'] as const;

/** ID issue places the server knows: the national authorities and CA + province code. */
export const ISSUE_PLACES: readonly { code: string; name: string }[] = [
  { code: 'C06', name: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
  { code: 'DKQLCT', name: 'Cục Cảnh sát đăng ký, quản lý cư trú và dữ liệu quốc gia về dân cư' },
  { code: 'BCA', name: 'Bộ Công an' },
  ...(
    [
      ['001', 'Hà Nội'], ['002', 'Hà Giang'], ['004', 'Cao Bằng'], ['006', 'Bắc Kạn'], ['008', 'Tuyên Quang'],
      ['010', 'Lào Cai'], ['011', 'Điện Biên'], ['012', 'Lai Châu'], ['014', 'Sơn La'], ['015', 'Yên Bái'],
      ['017', 'Hòa Bình'], ['019', 'Thái Nguyên'], ['020', 'Lạng Sơn'], ['022', 'Quảng Ninh'], ['024', 'Bắc Giang'],
      ['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['027', 'Bắc Ninh'], ['030', 'Hải Dương'], ['031', 'Hải Phòng'],
      ['033', 'Hưng Yên'], ['034', 'Thái Bình'], ['035', 'Hà Nam'], ['036', 'Nam Định'], ['037', 'Ninh Bình'],
      ['038', 'Thanh Hóa'], ['040', 'Nghệ An'], ['042', 'Hà Tĩnh'], ['044', 'Quảng Bình'], ['045', 'Quảng Trị'],
      ['046', 'Thừa Thiên Huế'], ['048', 'Đà Nẵng'], ['049', 'Quảng Nam'], ['051', 'Quảng Ngãi'], ['052', 'Bình Định'],
      ['054', 'Phú Yên'], ['056', 'Khánh Hòa'], ['058', 'Ninh Thuận'], ['060', 'Bình Thuận'], ['062', 'Kon Tum'],
      ['064', 'Gia Lai'], ['066', 'Đắk Lắk'], ['067', 'Đắk Nông'], ['068', 'Lâm Đồng'], ['070', 'Bình Phước'],
      ['072', 'Tây Ninh'], ['074', 'Bình Dương'], ['075', 'Đồng Nai'], ['077', 'Bà Rịa - Vũng Tàu'], ['079', 'Hồ Chí Minh'],
      ['080', 'Long An'], ['082', 'Tiền Giang'], ['083', 'Bến Tre'], ['084', 'Trà Vinh'], ['086', 'Vĩnh Long'],
      ['087', 'Đồng Tháp'], ['089', 'An Giang'], ['091', 'Kiên Giang'], ['092', 'Cần Thơ'], ['093', 'Hậu Giang'],
      ['094', 'Sóc Trăng'], ['095', 'Bạc Liêu'], ['096', 'Cà Mau'],
    ] as const
  ).map(([code, name]) => ({ code: `CA${code}`, name: `Công an tỉnh/thành phố ${name}` })),
];

export interface PersonFormValues {
  kind?: PersonKind;
  org_id?: number;
  full_name?: string;
  dob?: string;
  cccd?: string;
  cccd_date?: string;
  cccd_place?: string;
  email?: string;
  phone?: string;
  position?: string;
  manager_name?: string;
  device?: string;
  carrier?: string;
}

/** A stored subscriber as the form's values (for /people/:id/edit); empty fields left out. */
export function subscriberFormValues(s: Pick<Subscriber, 'org_id' | 'data'>): PersonFormValues {
  const d = s.data;
  const out: PersonFormValues = { kind: d.kind === 'organization' ? 'organization' : 'individual', org_id: s.org_id };
  const fields: PersonField[] = ['full_name', 'dob', 'cccd', 'cccd_date', 'cccd_place', 'email', 'phone', 'position', 'manager_name', 'device', 'carrier'];
  for (const f of fields) {
    const v = d[f];
    if (typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}

/**
 * The body of POST /api/v1/subscribers (and of …/validate): the kind, the organization, the
 * fields the kind's form shows, trimmed, empty ones left out; the issue place in capitals.
 */
export function buildSubscriberBody(v: PersonFormValues, orgId: number): NewSubscriberBody {
  const kind: PersonKind = v.kind === 'organization' ? 'organization' : 'individual';
  const body: NewSubscriberBody = { org_id: orgId, kind, full_name: (v.full_name ?? '').trim() };
  for (const f of personFieldsFor(kind, v.device)) {
    if (f === 'full_name') continue;
    const value = (v[f] ?? '').trim();
    if (!value) continue;
    body[f] = f === 'cccd_place' ? value.toUpperCase() : value;
  }
  return body;
}

/** The browser's checks for the fields the kind shows (checkPerson, limited to the form). */
export function clientMessages(v: PersonFormValues, today: Date = new Date()): Record<string, FieldMessage> {
  const kind: PersonKind = v.kind === 'organization' ? 'organization' : 'individual';
  const shown = personFieldsFor(kind, v.device);
  const all = checkPerson(
    {
      full_name: v.full_name,
      dob: v.dob,
      cccd: v.cccd,
      cccd_date: v.cccd_date,
      cccd_place: v.cccd_place,
      email: v.email,
      phone: v.phone,
      position: v.position,
    },
    today,
  );
  const out: Record<string, FieldMessage> = {};
  for (const [k, m] of Object.entries(all)) if ((shown as string[]).includes(k)) out[k] = m;
  return out;
}

export interface FieldFeedback {
  status?: 'error' | 'warning';
  messages: string[];
}

/**
 * One status and message list for a field: the browser's message first (it is immediate), then
 * the server's findings for that field, without repeating the same check twice.
 */
export function fieldFeedback(
  field: string,
  client: Record<string, FieldMessage>,
  server: readonly Finding[],
  lang: Lang,
  showRequired: boolean,
): FieldFeedback {
  const messages: string[] = [];
  let status: 'error' | 'warning' | undefined;
  const c = client[field];
  if (c) {
    messages.push(lang === 'vi' ? c.vi : c.en);
    status = 'error';
  }
  for (const f of server) {
    if (f.field !== field) continue;
    if (f.code === 'required' && !showRequired) continue;
    // The client already said the same about the format; the server's wording adds the value.
    if (c && f.severity === 'error') continue;
    messages.push(findingText(f, lang));
    if (f.severity === 'error') status = 'error';
    else if (!status) status = 'warning';
  }
  return { status, messages };
}

/** Server findings about fields the form does not show (listed above the buttons). */
export function otherFindings(server: readonly Finding[], shown: readonly string[]): Finding[] {
  return server.filter((f) => !shown.includes(f.field));
}
