import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Tooltip,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';
import { checkedBy, newItem, pointsProblem } from './builder-values.ts';

type Move = { index: number; count: number; onMove: (from: number, to: number) => void };

function MoveButtons({ index, count, onMove }: Move) {
  const { t } = useTranslation();
  return (
    <>
      <Tooltip title={t('scorecards.builder.moveUp')}>
        <Button
          size="small"
          type="text"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          aria-label={t('scorecards.builder.moveUp')}
        />
      </Tooltip>
      <Tooltip title={t('scorecards.builder.moveDown')}>
        <Button
          size="small"
          type="text"
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
          aria-label={t('scorecards.builder.moveDown')}
        />
      </Tooltip>
    </>
  );
}

/** One section of the builder: its title and its items (add, remove, reorder). */
export function SectionEditor({
  sectionIndex,
  sectionCount,
  categories,
  categoryName,
  onMoveSection,
  onRemoveSection,
}: {
  sectionIndex: number;
  sectionCount: number;
  categories: TScoreCategory[];
  categoryName: (key: string) => string;
  onMoveSection: (from: number, to: number) => void;
  onRemoveSection: () => void;
}) {
  const { t } = useTranslation();
  const active = categories.filter((c) => c.active);
  const firstCategory = active[0]?.key ?? '';
  const required = { required: true, message: t('errors.field.required') };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16, background: '#fafcff' }}
      data-testid={`section-${sectionIndex}`}
      title={
        <Form.Item
          name={[sectionIndex, 'title']}
          rules={[{ ...required, whitespace: true }]}
          style={{ margin: '8px 0' }}
        >
          <Input
            placeholder={t('scorecards.builder.sectionTitle')}
            maxLength={200}
            prefix={`${sectionIndex + 1}.`}
            aria-label={t('scorecards.builder.sectionTitle')}
          />
        </Form.Item>
      }
      extra={
        <Flex gap={0} style={{ marginInlineStart: 8 }}>
          <MoveButtons index={sectionIndex} count={sectionCount} onMove={onMoveSection} />
          <Tooltip title={t('scorecards.builder.removeSection')}>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={sectionCount <= 1}
              onClick={onRemoveSection}
              aria-label={t('scorecards.builder.removeSection')}
            />
          </Tooltip>
        </Flex>
      }
    >
      <Form.List name={[sectionIndex, 'items']}>
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, ii) => (
              <div
                key={field.key}
                data-testid={`item-${sectionIndex}-${ii}`}
                style={{ borderBottom: '1px dashed rgba(5,5,5,0.1)', paddingBottom: 8, marginBottom: 12 }}
              >
                <Form.Item name={[field.name, 'key']} hidden>
                  <Input />
                </Form.Item>
                <Row gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'text']}
                      label={`${sectionIndex + 1}.${ii + 1} ${t('scorecards.builder.itemText')}`}
                      rules={[{ ...required, whitespace: true }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col flex="none" style={{ paddingTop: 30 }}>
                    <MoveButtons index={ii} count={fields.length} onMove={move} />
                    <Tooltip title={t('scorecards.builder.removeItem')}>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(field.name)}
                        aria-label={t('scorecards.builder.removeItem')}
                      />
                    </Tooltip>
                  </Col>
                </Row>
                <Flex gap={12} wrap align="flex-start">
                  <Form.Item
                    name={[field.name, 'category']}
                    label={t('scorecards.builder.category')}
                    rules={[required]}
                    style={{ marginBottom: 8, minWidth: 180 }}
                  >
                    <Select
                      options={categories
                        .filter((c) => c.active)
                        .map((c) => ({ value: c.key, label: categoryName(c.key) }))}
                      data-testid={`item-${sectionIndex}-${ii}-category`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'points']}
                    label={t('scorecards.builder.points')}
                    rules={[required, checkedBy((v) => pointsProblem(t, v))]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber<number>
                      step={1}
                      style={{ width: 110 }}
                      data-testid={`item-${sectionIndex}-${ii}-points`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'fatal']}
                    label={t('scorecards.builder.fatal')}
                    valuePropName="checked"
                    tooltip={t('scorecards.builder.fatalHelp')}
                    style={{ marginBottom: 8 }}
                  >
                    <Switch data-testid={`item-${sectionIndex}-${ii}-fatal`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'allow_na']}
                    label=" "
                    colon={false}
                    valuePropName="checked"
                    style={{ marginBottom: 8 }}
                  >
                    <Checkbox>{t('scorecards.builder.allowNa')}</Checkbox>
                  </Form.Item>
                </Flex>
                <Form.Item name={[field.name, 'guidance']} style={{ marginBottom: 0 }}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    placeholder={t('scorecards.builder.guidance')}
                  />
                </Form.Item>
              </div>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(newItem(firstCategory))}
              data-testid={`section-${sectionIndex}-add-item`}
            >
              {t('scorecards.builder.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
