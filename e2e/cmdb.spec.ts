import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

test('an agent records a server and the application running on it, then links the server to a ticket', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const server = `SRV-E2E-${stamp}`;
  const application = `Urbanisme e2e ${stamp}`;

  await signIn(page, 'agent1@guichet.example');
  await expect(page).toHaveURL(/\/desk/);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Parc' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Parc informatique' })).toBeVisible();
  await expectAccessible(page, 'CMDB list');

  // The server, with an attribute of its class.
  await page.getByRole('link', { name: 'Nouvel élément' }).click();
  await page.getByLabel('Classe').selectOption({ label: 'Serveur' });
  await page.getByLabel("Nom de l'élément").fill(server);
  const entity = page.getByLabel('Entité propriétaire');
  const dsi = await entity
    .locator('option', { hasText: /Direction du numérique$/ })
    .first()
    .getAttribute('value');
  await entity.selectOption(dsi as string);
  await page.getByLabel('Adresse IP').fill('10.20.30.999');
  await page.getByRole('button', { name: "Créer l'élément" }).click();
  // a wrong address is refused next to its field, nothing is created
  await expect(page.getByText('Adresse IP invalide (IPv4 ou IPv6).')).toBeVisible();
  await page.getByLabel('Adresse IP').fill('10.20.30.40');
  await expectAccessible(page, 'new item form');
  await page.getByRole('button', { name: "Créer l'élément" }).click();
  await expect(page.getByRole('heading', { level: 1, name: server })).toBeVisible();

  // The application, related to the server it runs on.
  await page.goto('/cmdb/new');
  await page.getByLabel('Classe').selectOption({ label: 'Application' });
  await page.getByLabel("Nom de l'élément").fill(application);
  await page.getByLabel('Entité propriétaire').selectOption(dsi as string);
  await page.getByRole('button', { name: "Créer l'élément" }).click();
  await expect(page.getByRole('heading', { level: 1, name: application })).toBeVisible();
  await page.getByLabel('Type de relation').selectOption({ label: "s'exécute sur" });
  await page.getByRole('combobox', { name: "Rechercher l'élément à lier" }).fill(server);
  await page.getByRole('option', { name: new RegExp(server) }).click();
  await page.getByRole('button', { name: 'Ajouter la relation' }).click();
  await expect(page.getByRole('table', { name: new RegExp(`Relations de ${application}`) })).toContainText(
    server,
  );
  await expect(page.getByRole('table', { name: new RegExp(`Voisinage de ${application}`) })).toContainText(
    server,
  );
  await expectAccessible(page, 'item page with its graph');

  // A ticket of the desk: the server is the affected item, and its page lists the ticket.
  await page.goto('/desk?queue=all');
  const firstTicket = page
    .getByRole('table')
    .getByRole('link', { name: /^(INC|REQ)\d{7}$/ })
    .first();
  const number = (await firstTicket.textContent()) as string;
  await firstTicket.click();
  await expect(page.getByRole('heading', { name: new RegExp(number) })).toBeVisible();
  await page.getByRole('combobox', { name: 'Rechercher un élément à lier' }).fill(server);
  await page.getByRole('option', { name: new RegExp(server) }).click();
  const affected = page.getByRole('region', { name: 'Éléments concernés' });
  await expect(affected.getByRole('link', { name: server })).toBeVisible();
  await expectAccessible(page, 'ticket with its affected items');
  // the ticket page shows what an outage of an affected item takes down
  await affected.getByRole('button', { name: `Impact de ${server}` }).click();
  const impactDialog = page.getByRole('dialog', { name: `Impact de la panne de ${server}` });
  await expect(impactDialog.getByRole('link', { name: application })).toBeVisible();
  await expectAccessible(page, 'impact dialog on the ticket');
  await page.keyboard.press('Escape');
  await expect(impactDialog).toBeHidden();
  await affected.getByRole('link', { name: server }).click();
  await expect(page.getByRole('heading', { level: 1, name: server })).toBeVisible();
  await expect(page.getByRole('region', { name: "Tickets concernant l'élément" })).toContainText(number);

  // What a failure of the server would take down: the application running on it.
  await page.getByRole('button', { name: "Analyser l'impact" }).click();
  const impacted = page.getByRole('table', { name: new RegExp(`Éléments impactés par ${server}`) });
  await expect(impacted.getByRole('link', { name: application })).toBeVisible();
  await expect(impacted).toContainText(`${server} › ${application}`);
  await expectAccessible(page, 'impact analysis');

  // The inventory filtered by entity, and the export of exactly that list.
  await page.goto('/cmdb');
  await page
    .getByRole('search', { name: 'Filtres du parc' })
    .getByLabel('Entité propriétaire')
    .selectOption(dsi as string);
  await page.getByRole('searchbox', { name: 'Rechercher un élément' }).fill(`E2E-${stamp}`);
  await expect(page.getByRole('table').getByRole('link', { name: server })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`entity=${dsi}`));
  const csvHref = await page
    .getByRole('link', { name: 'Exporter la liste filtrée en CSV' })
    .getAttribute('href');
  expect(csvHref).toContain(`entity=${dsi}`);
  const csv = await page.request.get(csvHref as string);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines).toHaveLength(2); // the header and the one server
  expect(lines[1]).toContain(server);
  await expectAccessible(page, 'filtered inventory');
});
