import type { Ci, CiClass, CiInput, CiStatus } from '@guichet/contracts';
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { isApiError } from '../../lib/api';
import { ciClasses, ciStatuses } from '../../lib/enums';
import { useCurrentUser } from '../auth/session';
import { entityTreeOrder, indent, useEntities, useSites } from '../directory/api';
import { PersonPicker } from '../directory/PersonPicker';
import { type CiUpdate, useCreateCi, useUpdateCi } from './api';
import { type AttributeDraft, attributeFields, attributesToDraft, draftToAttributes } from './attributes';

interface Draft {
  class: CiClass;
  name: string;
  status: CiStatus;
  entityId: string;
  siteId: string;
  owner: { id: number; name: string } | null;
  serialNumber: string;
  inventoryNumber: string;
  hostname: string;
  usedBy: string[];
}

const fromCi = (ci: Ci): Draft => ({
  class: ci.class,
  name: ci.name,
  status: ci.status,
  entityId: String(ci.entity.id),
  siteId: ci.site ? String(ci.site.id) : '',
  owner: ci.owner,
  serialNumber: ci.serialNumber ?? '',
  inventoryNumber: ci.inventoryNumber ?? '',
  hostname: ci.hostname ?? '',
  usedBy: ci.usedBy.map((e) => String(e.id)),
});

const orNull = (s: string) => s.trim() || null;

/**
 * Creates an item (no `ci`) or edits one: the core columns, then the attributes of its class (the
 * fields follow the class's schema). API errors are shown next to their field.
 */
export function CiForm({
  ci,
  onDone,
  onCancel,
}: {
  ci?: Ci;
  onDone: (ci: Ci) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateCi();
  const update = useUpdateCi(ci?.id ?? 0);
  const save = ci ? update : create;
  const [draft, setDraft] = useState<Draft>(
    ci
      ? fromCi(ci)
      : {
          class: 'workstation',
          name: '',
          status: 'deployed',
          entityId: String(me.entity.id),
          siteId: '',
          owner: null,
          serialNumber: '',
          inventoryNumber: '',
          hostname: '',
          usedBy: [],
        },
  );
  const [attrs, setAttrs] = useState<AttributeDraft>(() =>
    attributesToDraft(draft.class, ci?.attributes ?? {}),
  );
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const entities = useEntities();
  const sites = useSites(
    { entity: draft.entityId ? Number(draft.entityId) : undefined },
    Boolean(draft.entityId),
  );
  const err = save.error;
  const stale = isApiError(err) && err.code === 'stale_version';

  const set =
    (k: 'name' | 'serialNumber' | 'inventoryNumber' | 'hostname' | 'siteId') =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      const value = e.currentTarget.value;
      setDraft((d) => ({ ...d, [k]: value }));
    };

  const changeClass = (cls: CiClass) => {
    setDraft((d) => ({ ...d, class: cls }));
    setAttrs(attributesToDraft(cls, {}));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { name: !draft.name.trim(), entityId: !draft.entityId };
    const { attributes, invalid: bad } = draftToAttributes(draft.class, attrs, ci?.attributes);
    setMissing(m);
    setInvalid(bad);
    if (Object.values(m).some(Boolean) || Object.keys(bad).length > 0) return;
    const core = {
      name: draft.name.trim(),
      status: draft.status,
      entityId: Number(draft.entityId),
      siteId: draft.siteId ? Number(draft.siteId) : null,
      ownerId: draft.owner?.id ?? null,
      serialNumber: orNull(draft.serialNumber),
      inventoryNumber: orNull(draft.inventoryNumber),
      hostname: orNull(draft.hostname),
      attributes,
      usedByEntityIds: draft.usedBy.map(Number),
    };
    if (ci) {
      const body: CiUpdate = { ...core, version: ci.version };
      update.mutate(body, { onSuccess: onDone });
    } else {
      const body: CiInput = { ...core, class: draft.class };
      create.mutate(body, { onSuccess: onDone });
    }
  };

  const entityOptions = entityTreeOrder(entities.data ?? []).map((en) => ({
    value: String(en.id),
    label: indent(en.depth, en.name),
  }));
  const siteOptions = [
    { value: '', label: t('common.none') },
    ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
    ...(ci?.site &&
    draft.siteId === String(ci.site.id) &&
    !sites.data?.items.some((s) => s.id === ci.site?.id)
      ? [{ value: String(ci.site.id), label: ci.site.name }]
      : []),
  ];
  const invalidText = (key: string, kind: string) => {
    const field = attributeFields(draft.class).find(([k]) => k === key)?.[1];
    if (kind === 'number' && field?.kind === 'number')
      return t(field.integer ? 'cmdb.form.invalidInteger' : 'cmdb.form.invalidNumber', {
        min: field.min,
        max: field.max,
      });
    return t(`cmdb.form.invalid.${kind === 'ip' ? 'ip' : 'pattern'}`);
  };

  return (
    <Stack
      component={Form}
      gap="sm"
      onSubmit={submit}
      aria-label={ci ? undefined : t('cmdb.form.newTitle')}
      aria-labelledby={ci ? 'ci-form-title' : undefined}
    >
      {ci && (
        <Title order={2} fz="h4" id="ci-form-title">
          {t('cmdb.form.editTitle', { name: ci.name })}
        </Title>
      )}
      <Text size="sm">{t('common.requiredNote')}</Text>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('cmdb.field.class')}
          value={draft.class}
          disabled={Boolean(ci)}
          description={ci ? t('cmdb.form.classFixed') : undefined}
          onChange={(e) => changeClass(e.currentTarget.value as CiClass)}
          data={ciClasses.map((c) => ({ value: c, label: t(`cmdb.class.${c}`) }))}
          error={fieldError(err, 'class')}
        />
        <NativeSelect
          label={t('cmdb.field.status')}
          value={draft.status}
          onChange={(e) => {
            const value = e.currentTarget.value as CiStatus;
            setDraft((d) => ({ ...d, status: value }));
          }}
          data={ciStatuses.map((s) => ({ value: s, label: t(`cmdb.status.${s}`) }))}
          error={fieldError(err, 'status')}
        />
      </Group>
      <TextInput
        label={t('cmdb.field.name')}
        required
        maxLength={200}
        value={draft.name}
        onChange={set('name')}
        error={missing.name ? t('cmdb.form.nameRequired') : fieldError(err, 'name')}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t('cmdb.field.entity')}
          required
          value={draft.entityId}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDraft((d) => ({ ...d, entityId: value, siteId: '' }));
          }}
          data={[{ value: '', label: t('common.choose') }, ...entityOptions]}
          error={missing.entityId ? t('cmdb.form.entityRequired') : fieldError(err, 'entityId')}
        />
        <NativeSelect
          label={t('cmdb.field.site')}
          value={draft.siteId}
          onChange={set('siteId')}
          data={siteOptions}
          error={fieldError(err, 'siteId')}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="ci-owner-label">
          {t('cmdb.field.owner')}
        </Text>
        <Group gap="xs">
          <Text size="sm" aria-labelledby="ci-owner-label">
            {draft.owner?.name ?? t('common.none')}
          </Text>
          {draft.owner && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => setDraft((d) => ({ ...d, owner: null }))}
              aria-label={t('cmdb.form.ownerClear', { name: draft.owner.name })}
            >
              {t('cmdb.form.ownerClearShort')}
            </Button>
          )}
        </Group>
        <PersonPicker
          label={t('cmdb.form.ownerSearch')}
          onSelect={(p) => setDraft((d) => ({ ...d, owner: { id: p.id, name: p.name } }))}
        />
        {fieldError(err, 'ownerId') && (
          <Text size="sm" c="red.8">
            {fieldError(err, 'ownerId')}
          </Text>
        )}
      </Stack>
      <Group grow align="flex-start">
        <TextInput
          label={t('cmdb.field.serialNumber')}
          maxLength={100}
          value={draft.serialNumber}
          onChange={set('serialNumber')}
          error={fieldError(err, 'serialNumber')}
        />
        <TextInput
          label={t('cmdb.field.inventoryNumber')}
          maxLength={100}
          value={draft.inventoryNumber}
          onChange={set('inventoryNumber')}
          error={fieldError(err, 'inventoryNumber')}
        />
        <TextInput
          label={t('cmdb.field.hostname')}
          maxLength={253}
          value={draft.hostname}
          onChange={set('hostname')}
          error={fieldError(err, 'hostname')}
        />
      </Group>
      <MultiSelect
        label={t('cmdb.field.usedBy')}
        description={t('cmdb.form.usedByHint')}
        searchable
        data={entityOptions.filter((o) => o.value !== draft.entityId)}
        value={draft.usedBy}
        onChange={(v) => setDraft((d) => ({ ...d, usedBy: v }))}
        error={fieldError(err, 'usedByEntityIds')}
      />

      <Paper withBorder p="sm" component="fieldset" style={{ minWidth: 0 }}>
        <Text component="legend" fw={600} px={4}>
          {t('cmdb.form.attributes', { class: t(`cmdb.class.${draft.class}`) })}
        </Text>
        <Stack gap="xs">
          {attributeFields(draft.class).map(([key, field]) => {
            const label = t(`cmdb.attr.${key}`);
            const error = invalid[key]
              ? invalidText(key, invalid[key])
              : fieldError(err, `attributes.${key}`, `attributes`);
            const value = attrs[key];
            const setValue = (v: string | boolean) => setAttrs((a) => ({ ...a, [key]: v }));
            if (field.kind === 'boolean')
              return (
                <Switch
                  key={key}
                  label={label}
                  checked={value === true}
                  onChange={(e) => setValue(e.currentTarget.checked)}
                  error={error}
                />
              );
            if (field.kind === 'enum')
              return (
                <NativeSelect
                  key={key}
                  label={label}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  data={[
                    { value: '', label: t('common.none') },
                    ...field.values.map((v) => ({
                      value: v,
                      label: t(`cmdb.attrValue.${key}.${v}`, { defaultValue: v }),
                    })),
                  ]}
                  error={error}
                />
              );
            return (
              <TextInput
                key={key}
                label={label}
                type={field.kind === 'number' ? 'number' : field.kind === 'date' ? 'date' : 'text'}
                inputMode={field.kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined}
                min={field.kind === 'number' ? field.min : undefined}
                max={field.kind === 'number' ? field.max : undefined}
                step={field.kind === 'number' && !field.integer ? 'any' : undefined}
                maxLength={field.kind === 'text' ? field.max : undefined}
                spellCheck={field.kind === 'ip' ? false : undefined}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => setValue(e.currentTarget.value)}
                error={error}
              />
            );
          })}
        </Stack>
      </Paper>

      {stale ? (
        <Alert role="alert" color="orange" variant="light" title={t('cmdb.form.staleTitle')}>
          {t('cmdb.form.stale')}
        </Alert>
      ) : (
        <ErrorAlert error={err} showFields />
      )}
      <Group gap="sm">
        <Button type="submit" loading={save.isPending}>
          {ci ? t('cmdb.form.save') : t('cmdb.form.create')}
        </Button>
        <Button type="button" variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
