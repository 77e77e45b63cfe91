import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * "light" variants (badges, light buttons, alerts) draw text in shade 9 by default, which is under
 * 4.5:1 on the tinted background for orange, yellow, green…: darken it so every badge passes AA.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return base;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const palette = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  const strong = palette?.[9];
  return strong ? { ...base, color: darken(strong, 0.3), hoverColor: darken(strong, 0.3) } : base;
};

/**
 * Mantine's defaults, with the shades moved where text keeps a 4.5:1 contrast (RGAA 3.2 / WCAG 1.4.3):
 * filled buttons use shade 8 with white text, errors and secondary text are darker than the defaults.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  colors: {
    // green for "it is fixed" actions; shades 7-9 are dark enough for white text, hover included
    confirm: [
      '#e6fcf5',
      '#c3fae8',
      '#96f2d7',
      '#63e6be',
      '#38d9a9',
      '#20c997',
      '#12b886',
      '#0b7a5c',
      '#08694f',
      '#065c45',
    ],
  },
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  focusRing: 'always',
  variantColorResolver,
  cursorType: 'pointer',
  components: {
    // badges carry words (status, priority): never cut them
    Badge: {
      defaultProps: { variant: 'light', radius: 'sm' },
      styles: { root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } },
    },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    '--mantine-color-disabled-color': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
