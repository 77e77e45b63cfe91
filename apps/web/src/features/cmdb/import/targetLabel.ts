import type { CiClass, CiRelationKind, CiStatus, ImportField } from '@guichet/contracts';
import { useTranslation } from 'react-i18next';
import type { AttrKey } from '../attributes';
import type { ImportMappingDraft } from './api';
import type { CoreField } from './fields';

/** The screen's name of a target field: the CMDB's own labels (cmdb.field / cmdb.attr). */
export function useTargetLabel() {
  const { t } = useTranslation();
  return (field: ImportField | string | null): string => {
    if (!field) return t('cmdbImport.mapping.ignore');
    if (field.startsWith('relation.'))
      return t('cmdbImport.mapping.relationOption', {
        kind: t(`cmdb.relationKind.${field.slice('relation.'.length) as CiRelationKind}`),
      });
    if (field.startsWith('attributes.'))
      return t(`cmdb.attr.${field.slice('attributes.'.length) as AttrKey}`);
    return t(`cmdb.field.${field as CoreField}`);
  };
}

/** A value given to every row, as the screen shows it. */
export function useFixedText() {
  const { t } = useTranslation();
  return (key: keyof ImportMappingDraft['fixed'], value: string): string =>
    key === 'class'
      ? t(`cmdb.class.${value as CiClass}`)
      : key === 'status'
        ? t(`cmdb.status.${value as CiStatus}`)
        : value;
}
