import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from './connection';

type Point = { x: number; y: number };

/**
 * A canvas laid over the shared picture. The technician points and draws on it (coordinates relative
 * to the picture, so both sides agree whatever their sizes); the requester's preview shows the same marks.
 */
export function AnnotationLayer({
  strokes,
  pointer,
  onPointer,
  onStroke,
}: {
  strokes: Annotation[];
  pointer: Annotation | null;
  /** absent: display only (the requester's side) */
  onPointer?: (p: Point) => void;
  onStroke?: (points: Point[]) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<Point[] | null>(null);
  const lastPointer = useRef(0);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = c.clientWidth;
    c.height = c.clientHeight;
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#d6336c';
    for (const s of strokes) {
      ctx.beginPath();
      for (const [i, p] of s.points.entries()) {
        if (i === 0) ctx.moveTo(p.x * c.width, p.y * c.height);
        else ctx.lineTo(p.x * c.width, p.y * c.height);
      }
      ctx.stroke();
    }
    const p = pointer?.points[0];
    if (p) {
      ctx.fillStyle = '#d6336c';
      ctx.beginPath();
      ctx.arc(p.x * c.width, p.y * c.height, 8, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [strokes, pointer]);

  const at = (e: React.PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
  };
  const interactive = Boolean(onPointer && onStroke);

  return (
    <canvas
      ref={canvas}
      aria-label={interactive ? t('remote.annotate.label') : t('remote.annotate.preview')}
      role="img"
      style={{
        position: 'absolute',
        inset: 0,
        width: '100%',
        height: '100%',
        cursor: interactive ? 'crosshair' : 'default',
        pointerEvents: interactive ? 'auto' : 'none',
      }}
      onPointerDown={(e) => {
        if (interactive) drawing.current = [at(e)];
      }}
      onPointerMove={(e) => {
        if (!interactive) return;
        const p = at(e);
        if (drawing.current) drawing.current.push(p);
        // the pointer at most 20 times a second: enough to follow, light on the socket
        const now = performance.now();
        if (now - lastPointer.current > 50) {
          lastPointer.current = now;
          onPointer?.(p);
        }
      }}
      onPointerUp={() => {
        const points = drawing.current;
        drawing.current = null;
        if (points && points.length > 1) onStroke?.(points.slice(0, 500));
      }}
    />
  );
}
