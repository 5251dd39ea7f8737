// The text of "/huong-dan/kiem-tra-thu", the page every mail's footer links to: how to tell a
// genuine mail of chungthu (S/MIME signed with a certificate of our CA for the sending address)
// from a forged one. Both languages say the same things in the same order; the page shows the
// Vietnamese first, then the English.
import type { Lang } from '../../lib/format';

/** A run of text, a link to a file the server serves, or a link to a portal screen. */
export type Part = string | { href: string; text: string } | { to: string; text: string };

export interface GuideSection {
  id: string;
  title: string;
  intro?: Part[];
  items?: Part[][];
}

export interface Guide {
  title: string;
  lead: Part[];
  sections: GuideSection[];
}

export const ROOT_CA_PATH = '/ca/root.crt';
export const ISSUING_CA_PATH = '/ca/issuing.crt';

/** The guide in both languages; `host` is the portal's address, the only one mails link to. */
export function mailGuide(host: string): Record<Lang, Guide> {
  return {
    vi: {
      title: 'Kiểm tra thư của chungthu',
      lead: [
        'Mọi thư điện tử thật do hệ thống chungthu gửi đều được ký số theo chuẩn S/MIME, bằng chứng thư số do CA của hệ thống cấp cho chính địa chỉ gửi thư. Chữ ký số cho biết thư đúng là do hệ thống gửi và nội dung không bị sửa đổi trên đường đi.',
      ],
      sections: [
        {
          id: 'signature',
          title: 'Phần mềm đọc thư hiển thị chữ ký số như thế nào',
          items: [
            ['Thunderbird: biểu tượng phong bì có dấu niêm phong (con dấu) ở phần đầu thư; bấm vào sẽ thấy “Thư đã được ký số” (Digitally signed) và người ký.'],
            ['Outlook: biểu tượng dải ruy-băng đỏ (con dấu) cạnh tiêu đề thư; bấm vào để xem người ký và chứng thư số.'],
            ['Nếu phần mềm báo cảnh báo (chữ ký không hợp lệ, không tin cậy người ký, nội dung đã bị thay đổi) hoặc thư không có dấu chữ ký: đừng tin thư đó.'],
            [
              'Một số trang đọc thư trên web (webmail) có thể không hiển thị chữ ký S/MIME. Khi đó hãy mở thư bằng Thunderbird hoặc Outlook, hoặc đăng nhập cổng thông tin và xem mục ',
              { to: '/notifications', text: 'Thông báo' },
              ': mọi thư hệ thống đã gửi cho bạn đều có ở đó.',
            ],
          ],
        },
        {
          id: 'never',
          title: 'Thư thật không bao giờ',
          items: [
            ['yêu cầu cung cấp mã PIN của thiết bị ký số (USB Token, SIM PKI), mật khẩu hay mã xác thực;'],
            ['đề nghị nộp tiền, chuyển khoản hay thanh toán bất kỳ khoản phí nào;'],
            ['có tệp đính kèm;'],
            [`chứa đường liên kết ra ngoài cổng thông tin chungthu: mọi liên kết trong thư chỉ dẫn đến ${host}.`],
          ],
        },
        {
          id: 'trust',
          title: 'Chứng thư số cần tin cậy',
          intro: ['Để phần mềm đọc thư xác minh được chữ ký, máy tính cần tin cậy chứng thư gốc của hệ thống (thường do bộ phận công nghệ thông tin của cơ quan cài sẵn):'],
          items: [
            ['Chứng thư gốc (Root CA), để cài vào kho chứng thư tin cậy: ', { href: ROOT_CA_PATH, text: ROOT_CA_PATH }],
            ['Chứng thư của CA cấp phát (Issuing CA), CA đã cấp chứng thư cho địa chỉ gửi thư: ', { href: ISSUING_CA_PATH, text: ISSUING_CA_PATH }],
          ],
        },
        {
          id: 'suspicious',
          title: 'Khi nghi ngờ một thư',
          items: [
            ['Không trả lời thư, không bấm vào liên kết, không mở tệp đính kèm.'],
            ['Báo ngay cho cơ quan tiếp nhận qua điện thoại hoặc kênh liên lạc chính thức mà bạn đã biết, không dùng số điện thoại hay địa chỉ ghi trong thư nghi ngờ.'],
          ],
        },
      ],
    },
    en: {
      title: 'How to check a mail from chungthu',
      lead: [
        'Every genuine mail chungthu sends is digitally signed (S/MIME) with a certificate that our CA issued for the sending address. The signature shows that the system sent the mail and that nobody changed it on the way.',
      ],
      sections: [
        {
          id: 'signature',
          title: 'How a mail client shows the signature',
          items: [
            ['Thunderbird: a sealed-envelope (seal) icon in the message header; clicking it shows “Digitally signed” and the signer.'],
            ['Outlook: a red ribbon (seal) icon beside the subject; clicking it shows the signer and the certificate.'],
            ['If the client shows a warning (invalid signature, untrusted signer, content changed) or no seal at all: do not trust the mail.'],
            [
              'Some webmail may not show S/MIME signatures. Then open the mail in Thunderbird or Outlook, or sign in to the portal and look under ',
              { to: '/notifications', text: 'Notifications' },
              ': every mail the system sent you is listed there.',
            ],
          ],
        },
        {
          id: 'never',
          title: 'A genuine mail never',
          items: [
            ['asks for the PIN of your signing device (USB token, PKI SIM), a password or a verification code;'],
            ['asks for money, a transfer or any payment;'],
            ['carries attachments;'],
            [`carries links outside the chungthu portal: every link in it leads to ${host}.`],
          ],
        },
        {
          id: 'trust',
          title: 'The certificates to trust',
          intro: ["For your mail client to verify the signature, the computer must trust the system's root certificate (usually installed by your body's IT staff):"],
          items: [
            ['The root certificate (Root CA), to install in the trusted store: ', { href: ROOT_CA_PATH, text: ROOT_CA_PATH }],
            ['The issuing CA, which issued the certificate of the sending address: ', { href: ISSUING_CA_PATH, text: ISSUING_CA_PATH }],
          ],
        },
        {
          id: 'suspicious',
          title: 'When a mail looks suspicious',
          items: [
            ['Do not answer it, click its links or open its attachments.'],
            ['Report it to the registration office by phone or through an official channel you already know, not a number or address given in the suspicious mail.'],
          ],
        },
      ],
    },
  };
}

/** Every text of a guide, links included, in reading order (for checks). */
export function guideTexts(g: Guide): string[] {
  const text = (p: Part) => (typeof p === 'string' ? p : p.text);
  const out = [g.title, ...g.lead.map(text)];
  for (const s of g.sections) {
    out.push(s.title, ...(s.intro ?? []).map(text));
    for (const item of s.items ?? []) out.push(item.map(text).join(''));
  }
  return out;
}
