import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

test('an agent imports a Windows-1252 CSV: mapping, dry run with a warning, apply, report, item in the list', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  await signIn(page, 'agent.pessac@guichet.example');
  await expect(page).toHaveURL(/\/desk/);
  // the agent's own entity, by name, as an audit spreadsheet would write it
  const me = await page.request.get('/api/v1/auth/me');
  const entity = ((await me.json()) as { user: { entity: { name: string } } }).user.entity.name;

  // A spreadsheet saved by Excel in French: semicolons, Windows-1252 accents, one column not recognised.
  const csv = [
    'Désignation;Type;Entité;N° de série;Machine;RAM (Go)',
    `Poste Mairie annexe ${stamp};poste de travail;${entity};E2E-${stamp}-1;pc-annexe-${stamp};8`,
    `Imprimante Mairie annexe ${stamp};imprimante;${entity};E2E-${stamp}-2;;16`,
  ].join('\r\n');
  const file = { name: 'parc-mairie-annexe.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') };

  await page.goto('/cmdb');
  await page.getByRole('link', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer dans le parc' })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByTestId('import-file-shape')).toContainText('2 lignes de données');
  await expect(page.getByTestId('import-file-shape')).toContainText('Windows-1252');
  await expect(page.getByTestId('import-file-shape')).toContainText('point-virgule');
  await page.getByRole('combobox', { name: 'Source' }).fill(`Audit e2e ${stamp}`);
  await page.getByRole('button', { name: 'Lire le fichier et continuer' }).click();

  // Mapping: suggested from the French headers; the unrecognised "Machine" is set by hand.
  await expect(
    page.getByRole('heading', { level: 2, name: '2. Faire correspondre les colonnes' }),
  ).toBeVisible();
  await expect(page.getByLabel('Champ cible pour la colonne « Désignation »')).toHaveValue('name');
  await expect(page.getByLabel('Champ cible pour la colonne « N° de série »')).toHaveValue('serialNumber');
  const machine = page.getByLabel('Champ cible pour la colonne « Machine »');
  await expect(machine).toHaveValue('');
  await machine.selectOption({ label: "Nom d'hôte" });
  await expect(page.getByTestId('import-preview')).toContainText(`pc-annexe-${stamp}`);
  await expect(page.getByTestId('import-preview')).toContainText(`Poste Mairie annexe ${stamp}`);
  await expectAccessible(page, 'import mapping');

  // Dry run: two creations, one warning (a printer has no memory size), nothing written yet.
  await page.getByRole('button', { name: "Simuler l'import" }).click();
  const counts = page.getByTestId('import-counts');
  await expect(counts.getByRole('row', { name: /Créations/ })).toContainText('2');
  await expect(counts.getByRole('row', { name: /Lignes en erreur/ })).toContainText('0');
  await expect(counts.getByRole('row', { name: /Avertissements/ })).toContainText('1');
  const issues = page.getByRole('table', { name: /1 message/ });
  await expect(issues.getByRole('row', { name: /Avertissement/ })).toContainText('3');
  await expect(issues).toContainText('RAM (Go)');

  // Apply, then the kept report.
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByText('Import appliqué')).toBeVisible();
  await expect(page.getByTestId('import-counts').getByRole('row', { name: /Créations/ })).toContainText('2');
  await page.getByRole('link', { name: 'Ouvrir le rapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Rapport d'import n°/ })).toBeVisible();
  await expect(page.getByTestId('import-report')).toContainText('parc-mairie-annexe.csv');
  await expect(page.getByTestId('import-report')).toContainText('Appliqué');
  await expectAccessible(page, 'import report');

  // The new item is in the inventory, with its accents intact.
  await page.goto(`/cmdb?q=${encodeURIComponent(`E2E-${stamp}-1`)}`);
  await expect(page.getByRole('link', { name: `Poste Mairie annexe ${stamp}` })).toBeVisible();
});
