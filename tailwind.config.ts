import type { Config } from 'tailwindcss';

// Tailwind 4 reads this through `@config` in src/index.css. Colours are CSS variables so
// that `?theme=` can switch them at run time without a rebuild.
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        bg: 'var(--color-bg)',
        panel: 'var(--color-panel)',
        border: 'var(--color-border)',
        fg: 'var(--color-fg)',
        muted: 'var(--color-muted)',
        accent: 'var(--color-accent)',
        accent2: 'var(--color-accent-2)',
        warn: 'var(--color-warn)',
        danger: 'var(--color-danger)',
        up: 'var(--color-up)',
      },
      fontFamily: {
        sans: ['system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Ubuntu', 'Cantarell', 'Noto Sans', 'sans-serif'],
      },
    },
  },
} satisfies Config;
