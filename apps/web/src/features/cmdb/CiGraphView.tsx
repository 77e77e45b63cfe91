import type { CiGraph } from '@guichet/contracts';
import { Anchor, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useCiGraph } from './api';
import './cmdb.css';

const NODE_W = 190;
const NODE_H = 46;
const COL_GAP = 120;
const ROW_GAP = 26;
const PAD = 16;

type Node = CiGraph['nodes'][number];
interface Placed extends Node {
  x: number;
  y: number;
  level: number;
}

/**
 * Layered layout: the item in the first column, then one column per distance (in relations, either
 * direction), nodes stacked in each column by name. Cheap, stable and readable for a few dozen items.
 */
export function layoutGraph(graph: CiGraph, rootId: number) {
  const neighbours = new Map<number, number[]>();
  for (const e of graph.edges) {
    neighbours.set(e.sourceId, [...(neighbours.get(e.sourceId) ?? []), e.targetId]);
    neighbours.set(e.targetId, [...(neighbours.get(e.targetId) ?? []), e.sourceId]);
  }
  const level = new Map<number, number>([[rootId, 0]]);
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    for (const n of neighbours.get(id) ?? []) {
      if (!level.has(n)) {
        level.set(n, (level.get(id) ?? 0) + 1);
        queue.push(n);
      }
    }
  }
  const columns: Node[][] = [];
  for (const node of graph.nodes) {
    const l = level.get(node.id) ?? 1;
    const column = columns[l] ?? [];
    column.push(node);
    columns[l] = column;
  }
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * ROW_GAP;
  const placed = new Map<number, Placed>();
  columns.forEach((col, l) => {
    if (!col) return;
    col.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    const colHeight = col.length * NODE_H + (col.length - 1) * ROW_GAP;
    const top = (height - colHeight) / 2;
    col.forEach((node, i) => {
      placed.set(node.id, {
        ...node,
        level: l,
        x: PAD + l * (NODE_W + COL_GAP),
        y: top + i * (NODE_H + ROW_GAP),
      });
    });
  });
  const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * COL_GAP;
  return { placed, width, height };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The neighbourhood of an item: an SVG drawing and the same relations as a table. */
export function CiGraphView({ id, name }: { id: number; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [depth, setDepth] = useState(1);
  const graph = useCiGraph(id, depth);
  const titleId = useId();
  const descId = useId();
  const markerId = `arrow-${useId().replace(/:/g, '')}`;

  const data = graph.data;
  const layout = data ? layoutGraph(data, id) : null;
  const byId = new Map((data?.nodes ?? []).map((n) => [n.id, n]));

  return (
    <section aria-labelledby="ci-graph-title">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} fz="h4" id="ci-graph-title">
          {t('cmdb.graph.title')}
        </Title>
        <Group gap="xs" align="flex-end">
          <NativeSelect
            label={t('cmdb.graph.depth')}
            value={String(depth)}
            onChange={(e) => setDepth(Number(e.currentTarget.value))}
            data={[1, 2, 3].map((d) => ({ value: String(d), label: t('cmdb.graph.levels', { count: d }) }))}
          />
          {graph.isFetching && <Loader size="xs" aria-hidden />}
        </Group>
      </Group>
      {graph.isPending ? (
        <Loading />
      ) : graph.error ? (
        <ErrorAlert error={graph.error} />
      ) : data && layout && data.edges.length === 0 ? (
        <Text size="sm">{t('cmdb.graph.empty')}</Text>
      ) : data && layout ? (
        <Stack gap="sm" aria-busy={graph.isPlaceholderData || undefined}>
          <div className="ci-graph-scroll">
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing that groups labelled node links; no HTML element fits inside SVG */}
            <svg
              className="ci-graph"
              role="group"
              aria-labelledby={titleId}
              aria-describedby={descId}
              width={layout.width}
              height={layout.height}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
            >
              <title id={titleId}>{t('cmdb.graph.svgTitle', { name })}</title>
              <desc id={descId}>
                {t('cmdb.graph.svgDesc', { nodes: data.nodes.length, edges: data.edges.length })}
              </desc>
              <defs>
                <marker
                  id={markerId}
                  viewBox="0 0 10 10"
                  refX="10"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
                </marker>
              </defs>
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the edges are drawing only (nothing focusable); the table below states each relation */}
              <g aria-hidden="true">
                {data.edges.map((e) => {
                  const s = layout.placed.get(e.sourceId);
                  const d = layout.placed.get(e.targetId);
                  if (!s || !d) return null;
                  const sameColumn = s.level === d.level;
                  const forward = d.x >= s.x;
                  const x1 = sameColumn ? s.x + NODE_W : forward ? s.x + NODE_W : s.x;
                  const x2 = sameColumn ? d.x + NODE_W : forward ? d.x : d.x + NODE_W;
                  const y1 = s.y + NODE_H / 2;
                  const y2 = d.y + NODE_H / 2;
                  const bulge = sameColumn ? 60 : 0;
                  const cx = (x1 + x2) / 2 + bulge;
                  const cy = (y1 + y2) / 2;
                  return (
                    <g key={e.id}>
                      <title>{`${s.name} — ${t(`cmdb.relationKind.${e.kind}`)} → ${d.name}`}</title>
                      <path
                        d={`M ${x1} ${y1} Q ${cx} ${cy} ${x2} ${y2}`}
                        fill="none"
                        stroke="#495057"
                        strokeWidth={1.5}
                        markerEnd={`url(#${markerId})`}
                      />
                      <text
                        x={sameColumn ? x1 + bulge / 2 + 4 : cx}
                        y={cy - 4}
                        textAnchor={sameColumn ? 'start' : 'middle'}
                        fontSize={11}
                        fill="#212529"
                        paintOrder="stroke"
                        stroke="#fff"
                        strokeWidth={3}
                      >
                        {t(`cmdb.relationKind.${e.kind}`)}
                      </text>
                    </g>
                  );
                })}
              </g>
              {[...layout.placed.values()].map((n) => {
                const label = `${n.name}, ${t(`cmdb.class.${n.class}`)}, ${t(`cmdb.status.${n.status}`)}`;
                const root = n.id === id;
                const body = (
                  <>
                    <rect
                      x={n.x}
                      y={n.y}
                      width={NODE_W}
                      height={NODE_H}
                      rx={6}
                      fill={root ? '#e7f5ff' : '#fff'}
                      stroke={root ? '#1864ab' : '#868e96'}
                      strokeWidth={root ? 2.5 : 1.5}
                    />
                    <text x={n.x + 8} y={n.y + 19} fontSize={13} fontWeight={600} fill="#212529">
                      {clip(n.name, 24)}
                    </text>
                    <text x={n.x + 8} y={n.y + 36} fontSize={11} fill="#495057">
                      {clip(`${t(`cmdb.class.${n.class}`)} · ${t(`cmdb.status.${n.status}`)}`, 30)}
                    </text>
                  </>
                );
                return root ? (
                  // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole lint/a11y/useSemanticElements: an SVG <g> (not interactive), labelled as the item shown
                  <g key={n.id} role="group" aria-label={t('cmdb.graph.rootNode', { label })}>
                    <title>{label}</title>
                    {body}
                  </g>
                ) : (
                  <a
                    key={n.id}
                    href={`/cmdb/items/${n.id}`}
                    aria-label={label}
                    onClick={(ev) => {
                      if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
                      ev.preventDefault();
                      navigate(`/cmdb/items/${n.id}`);
                    }}
                  >
                    <title>{label}</title>
                    {body}
                  </a>
                );
              })}
            </svg>
          </div>
          <Table.ScrollContainer minWidth={500}>
            <Table verticalSpacing={4}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                {t('cmdb.graph.caption', { name, count: data.edges.length })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cmdb.graph.source')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.graph.kind')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.graph.target')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.edges.map((e) => {
                  const s = byId.get(e.sourceId);
                  const d = byId.get(e.targetId);
                  return (
                    <Table.Tr key={e.id}>
                      <Table.Td>{s ? <NodeCell node={s} current={id} /> : e.sourceId}</Table.Td>
                      <Table.Td>{t(`cmdb.relationKind.${e.kind}`)}</Table.Td>
                      <Table.Td>{d ? <NodeCell node={d} current={id} /> : e.targetId}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
    </section>
  );
}

function NodeCell({ node, current }: { node: Node; current: number }) {
  const { t } = useTranslation();
  return (
    <>
      {node.id === current ? (
        <Text span size="sm" fw={700}>
          {node.name}
        </Text>
      ) : (
        <Anchor component={Link} to={`/cmdb/items/${node.id}`} size="sm">
          {node.name}
        </Anchor>
      )}
      <Text span size="xs" display="block">
        {t(`cmdb.class.${node.class}`)} · {t(`cmdb.status.${node.status}`)}
      </Text>
    </>
  );
}
