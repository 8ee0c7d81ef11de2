import { Collapse, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TForm } from '../../../../shared/schemas/form.ts';

/** A scorecard version, read-only: sections, items with category, points, fatal and N/A, guidance. */
export function FormContent({ form, categoryName }: { form: TForm; categoryName: (key: string) => string }) {
  const { t } = useTranslation();
  if (form.sections.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={16} data-testid="form-content">
      {form.sections.map((section, si) => (
        <div key={section.id}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {si + 1}. {section.title}
          </Typography.Title>
          {section.items.map((item, ii) => (
            <div
              key={item.id}
              style={{ padding: '8px 0 8px 16px', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
            >
              <Flex justify="space-between" gap={12} wrap>
                <Typography.Text>
                  {si + 1}.{ii + 1} {item.text}
                </Typography.Text>
                <Flex gap={4} wrap>
                  <Tag>{categoryName(item.category)}</Tag>
                  <Tag color="blue">{t('scorecards.item.points', { points: item.points })}</Tag>
                  {item.fatal && <Tag color="red">{t('scorecards.item.fatal')}</Tag>}
                  <Tag>{item.allow_na ? t('scorecards.item.naAllowed') : t('scorecards.item.noNa')}</Tag>
                </Flex>
              </Flex>
              {item.guidance && (
                <Collapse
                  ghost
                  size="small"
                  items={[
                    {
                      key: 'g',
                      label: t('scorecards.item.guidance'),
                      children: (
                        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                          {item.guidance}
                        </Typography.Paragraph>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          ))}
        </div>
      ))}
    </Flex>
  );
}
