import { render, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { SitePicker } from './site-picker';

const A = '23119484-709c-44bf-994c-92f109bda03b';
const B = '95b7680c-9158-4b84-b4ea-7ccc08cc94ea';

test('lists each site with name, domain and its dashboard, TV and embed links', () => {
  render(
    <SitePicker
      websites={[
        { id: A, name: 'Shop', domain: 'shop.example.com' },
        { id: B, name: '', domain: 'quiet.example.org' },
      ]}
      base="https://pulse.example.com/"
      search="?lang=fr-FR"
    />,
  );
  const items = within(screen.getByTestId('site-picker')).getAllByTestId('site-picker-item');
  expect(items).toHaveLength(2);
  const [shop, quiet] = items as [HTMLElement, HTMLElement];
  expect(shop).toHaveTextContent('Shop');
  expect(shop).toHaveTextContent('shop.example.com');
  expect(within(shop).getByRole('link', { name: 'Shop' })).toHaveAttribute('href', `https://pulse.example.com/?website=${A}&lang=fr-FR`);
  expect(within(shop).getByRole('link', { name: 'TV' })).toHaveAttribute('href', `https://pulse.example.com/?website=${A}&kiosk&lang=fr-FR`);
  expect(within(shop).getByRole('link', { name: 'Embed' })).toHaveAttribute('href', `https://pulse.example.com/?website=${A}&embed&lang=fr-FR`);
  // A site without a name goes by its domain, shown once.
  expect(within(quiet).getByRole('link', { name: 'quiet.example.org' })).toBeInTheDocument();
  expect(within(quiet).getAllByText('quiet.example.org')).toHaveLength(1);
});

test("a site's name is isolated in its links' group label: a right-to-left override in it stays inside", () => {
  render(<SitePicker websites={[{ id: A, name: '\u202eShop', domain: 'shop.example.com' }]} base="https://pulse.example.com/" search="" />);
  expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Open \u2068\u202eShop\u2069');
  expect(screen.getByRole('link', { name: '\u202eShop' }).querySelector('bdi')).not.toBeNull();
});
