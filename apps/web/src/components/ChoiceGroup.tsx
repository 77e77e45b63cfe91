import { Button, Group } from '@mantine/core';
import { useRef } from 'react';

/**
 * A small radio group drawn as buttons (role="radiogroup"/"radio", arrow keys move the choice).
 * Used where a text field nearby shares words with the options, so the options are not <label>s
 * (e.g. "Réponse publique" beside the "Réponse" box).
 */
export function ChoiceGroup<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; color?: string }[];
  onChange: (value: T) => void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, delta: number) => {
    const next = (from + delta + options.length) % options.length;
    const option = options[next];
    if (!option) return;
    onChange(option.value);
    refs.current[next]?.focus();
  };
  return (
    <Group role="radiogroup" aria-label={label} gap={4} className="choice-group">
      {options.map((o, i) => {
        const checked = o.value === value;
        return (
          <Button
            key={o.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            size="xs"
            variant={checked ? 'filled' : 'default'}
            color={o.color}
            onClick={() => onChange(o.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
                e.preventDefault();
                move(i, 1);
              } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
                e.preventDefault();
                move(i, -1);
              }
            }}
          >
            {o.label}
          </Button>
        );
      })}
    </Group>
  );
}
