// /people/new — a new person or organization subscriber (POST /api/v1/subscribers).
import { api } from '../../api/client';
import type { Subscriber } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { PersonForm } from './PersonForm';

export function PersonNew() {
  const { t } = useLang();
  return (
    <PersonForm
      title={t('Thêm người đề nghị cấp chứng thư số', 'Add a person for a certificate')}
      submit={(body) => api.post<Subscriber>('/api/v1/subscribers', body)}
      savedText={t('Đã thêm người', 'The person was added')}
      cancelTo="/people"
    />
  );
}
