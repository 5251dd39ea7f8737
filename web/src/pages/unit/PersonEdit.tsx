// /people/:id/edit — corrects a person's data (PUT /api/v1/subscribers/{id}) with the same form as
// a new person, the kind fixed. While they hold a certificate in force the server answers 409:
// the change then goes through a change_info request, offered beside the message.
import { Button, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { Subscriber } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFound } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { LoadFailure } from './LoadFailure';
import { PersonForm } from './PersonForm';
import { subscriberFormValues } from './personForm';
import { newRequestLink } from './requestForm';

export function PersonEdit() {
  const { id } = useParams();
  const sid = Number(id);
  if (!Number.isInteger(sid) || sid <= 0) return <NotFound />;
  return <PersonEditOf id={sid} />;
}

function PersonEditOf({ id }: { id: number }) {
  const { t } = useLang();
  const navigate = useNavigate();
  const person = useApi(() => api.get<Subscriber>(`/api/v1/subscribers/${id}`), [id]);

  if (person.loading && !person.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (person.error || !person.data) return <LoadFailure error={person.error} />;

  const conflict = (e: unknown) =>
    e instanceof ApiError && e.status === 409 ? (
      <ErrorAlert
        error={e}
        data-testid="person-in-force"
        action={
          <Button size="small" data-testid="start-change-info" onClick={() => navigate(newRequestLink('change_info', id))}>
            {t('Tạo đề nghị thay đổi thông tin', 'Request a change of details')}
          </Button>
        }
      />
    ) : undefined;

  return (
    <PersonForm
      key={id}
      title={t(`Sửa thông tin: ${person.data.data.full_name}`, `Edit the data: ${person.data.data.full_name}`)}
      initialValues={subscriberFormValues(person.data)}
      kindLocked
      submit={(body) => api.put<Subscriber>(`/api/v1/subscribers/${id}`, body)}
      savedText={t('Đã lưu thông tin', 'The data was saved')}
      cancelTo={`/people/${id}`}
      renderError={conflict}
    />
  );
}
