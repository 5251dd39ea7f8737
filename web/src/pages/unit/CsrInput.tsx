// The CSR (PKCS#10, PEM) box: paste it, or pick the .csr/.pem file and it is read as text.
import { UploadOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useLang } from '../../lib/i18n';

interface Props {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  status?: 'error' | 'warning';
  testId?: string;
}

export function CsrInput({ id, value, onChange, status, testId = 'request-csr' }: Props) {
  const { t } = useLang();
  const [fileName, setFileName] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        id={id}
        value={value}
        status={status}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 12 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        placeholder="-----BEGIN CERTIFICATE REQUEST-----"
        data-testid={testId}
      />
      <Space wrap>
        <Upload
          accept=".csr,.pem,.req,.txt"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            file
              .text()
              .then((text) => {
                setFileName(file.name);
                onChange?.(text);
              })
              .catch(() => setFileName(''));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid={`${testId}-file`}>
            {t('Chọn tệp CSR (.csr, .pem)', 'Choose the CSR file (.csr, .pem)')}
          </Button>
        </Upload>
        {fileName && <Typography.Text type="secondary">{t(`Đã nạp ${fileName}`, `Loaded ${fileName}`)}</Typography.Text>}
      </Space>
    </Space>
  );
}
