import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

/**
 * Attended remote assistance, browser to browser: a technician and a requester in two isolated
 * contexts. Chromium's fake capture device stands in for the screen (flags in playwright.config.ts);
 * the camera permission lets WebRTC gather local candidates (see docs/adr/0014-remote-assistance.md).
 */
async function twoSides(browser: Browser) {
  const techContext = await browser.newContext({ permissions: ['camera'] });
  const reqContext = await browser.newContext({ permissions: ['camera'] });
  const tech = await techContext.newPage();
  const req = await reqContext.newPage();
  await signIn(tech, 'agent1@guichet.example');
  await expect(tech).toHaveURL(/\/desk/);
  await signIn(req, 'requester@guichet.example');
  await expect(req).toHaveURL(/\/portal/);
  return { tech, req, close: () => Promise.all([techContext.close(), reqContext.close()]) };
}

async function declareIncident(req: Page, title: string): Promise<string> {
  await req.getByRole('button', { name: 'Déclarer un incident' }).click();
  await req.getByLabel('Titre').fill(title);
  await req.getByLabel('Description').fill("L'application se fige au démarrage.");
  await req.getByRole('button', { name: 'Envoyer' }).click();
  const number = (
    await req
      .getByText(/INC\d{7}/)
      .first()
      .textContent()
  )?.match(/INC\d{7}/)?.[0];
  expect(number).toBeTruthy();
  return number as string;
}

/** The technician opens the ticket and starts a session; returns the code shown once. */
async function startSession(tech: Page, number: string): Promise<string> {
  await tech.goto(`/desk/tickets/${number}`);
  const panel = tech.getByRole('region', { name: 'Assistance à distance' });
  await panel.getByRole('button', { name: "Démarrer une session d'assistance" }).click();
  const code = (await panel.getByTestId('remote-code').textContent())?.replace(/\s+/g, '') ?? '';
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

async function enterCode(req: Page, number: string, code: string) {
  // the invitation is on the requester's ticket page
  await req.goto(`/portal/tickets/${number}`);
  await req.getByRole('link', { name: 'Saisir le code' }).click();
  await expect(req).toHaveURL(/\/portal\/remote$/);
  await req.getByLabel('Code à 6 chiffres').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await req.getByRole('button', { name: 'Continuer' }).click();
  await expect(req.getByRole('heading', { name: "Accepter la session d'assistance ?" })).toBeVisible();
}

test('code → consent → the technician sees the screen, chat both ways, a file, timeline written', async ({
  browser,
}) => {
  const { tech, req, close } = await twoSides(browser);
  const number = await declareIncident(req, `Logiciel RH figé ${Date.now()}`);
  const code = await startSession(tech, number);
  await expectAccessible(tech, 'desk remote panel');

  await req.goto(`/portal/tickets/${number}`);
  await req.getByRole('link', { name: 'Saisir le code' }).click();
  await req.getByLabel('Code à 6 chiffres').fill(code);
  await expectAccessible(req, 'remote code page');
  const codeEnteredAt = Date.now();
  await req.getByRole('button', { name: 'Continuer' }).click();
  await expect(req.getByText(/Demandée par : /)).toBeVisible();
  await expect(req.getByText('Cette session ne sera pas enregistrée.')).toBeVisible();
  const consentAt = Date.now();
  await req.getByRole('button', { name: "J'accepte" }).click();
  await req.getByRole('button', { name: 'Partager mon écran' }).click();
  const shareClickedAt = Date.now();

  // the technician's <video> decodes frames of the shared screen
  await tech.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
      return Boolean(v && v.videoWidth > 0 && v.readyState >= 2);
    },
    null,
    { polling: 10, timeout: 20_000 },
  );
  const firstFrameAt = Date.now();
  const firstFrameMs = firstFrameAt - codeEnteredAt;
  const frames = await tech.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
        if (!v) return resolve(0);
        let n = 0;
        const count = () => {
          n += 1;
          if (n < 5) v.requestVideoFrameCallback(count);
          else resolve(n);
        };
        v.requestVideoFrameCallback(count);
        setTimeout(() => resolve(n), 5_000);
      }),
  );
  expect(frames).toBeGreaterThanOrEqual(5);
  console.log(
    `remote assistance: code entered → first frame on the technician's page: ${firstFrameMs} ms ` +
      `(consent screen ${consentAt - codeEnteredAt} ms, accept → share clicked ${shareClickedAt - consentAt} ms, ` +
      `share → first frame ${firstFrameAt - shareClickedAt} ms)`,
  );
  test.info().annotations.push({ type: 'code-to-first-frame-ms', description: String(firstFrameMs) });

  // the requester sees, on every page, that a session runs, and can stop it
  const banner = req.getByRole('region', { name: "Session d'assistance à distance" });
  await expect(banner).toBeVisible();
  await expectAccessible(req, 'requester session page');

  // chat both ways
  await req.getByRole('textbox', { name: 'Message' }).fill("Bonjour, l'écran reste blanc");
  await req.getByRole('button', { name: 'Envoyer', exact: true }).click();
  const panel = tech.getByRole('region', { name: 'Assistance à distance' });
  await expect(panel.getByRole('log')).toContainText("Bonjour, l'écran reste blanc");
  await panel.getByRole('textbox', { name: 'Message' }).fill('Je vois votre écran, cliquez sur Fichier');
  await panel.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(req.getByRole('log')).toContainText('Je vois votre écran, cliquez sur Fichier');

  // the technician points at the screen: the requester's preview gets the mark (a stroke)
  const canvas = panel.getByRole('img', { name: /Zone d'annotation/ });
  const box = await canvas.boundingBox();
  if (box) {
    await tech.mouse.move(box.x + 20, box.y + 20);
    await tech.mouse.down();
    await tech.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
    await tech.mouse.up();
  }

  // a file passes from the requester to the technician, as a ticket attachment
  await req.getByLabel('Envoyer un fichier (joint au ticket)').setInputFiles({
    name: 'journal-erreurs.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Erreur 0x80070005 au démarrage'),
  });
  await req.getByRole('button', { name: 'Envoyer le fichier' }).click();
  await expect(panel.getByRole('link', { name: 'journal-erreurs.txt' })).toBeVisible();

  // the requester stops; everything lands in the ticket's history
  await banner.getByRole('button', { name: 'Arrêter' }).click();
  await expect(req.getByText('La session est terminée.')).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(panel.getByTestId('remote-status')).toHaveText('terminée');
  const timeline = tech.getByRole('region', { name: 'Historique' });
  await expect(timeline.getByText(/a proposé une session d'assistance/)).toBeVisible();
  await expect(timeline.getByText(/a accepté la session d'assistance/)).toBeVisible();
  await expect(timeline.getByText("Partage d'écran démarré")).toBeVisible();
  await expect(timeline.getByText(/a terminé la session d'assistance/)).toBeVisible();
  await expect(timeline.getByText('Transcription de la discussion')).toBeVisible();
  await expect(timeline.getByText(/Fichiers échangés : journal-erreurs.txt/)).toBeVisible();
  await close();
});

test('a refused consent leaves no session', async ({ browser }) => {
  const { tech, req, close } = await twoSides(browser);
  const number = await declareIncident(req, `Messagerie lente ${Date.now()}`);
  const code = await startSession(tech, number);
  await enterCode(req, number, code);
  await expectAccessible(req, 'consent screen');
  await req.getByRole('button', { name: 'Je refuse' }).click();
  await expect(req.getByText("Vous avez refusé la session. Rien n'a été partagé.")).toBeVisible();
  const panel = tech.getByRole('region', { name: 'Assistance à distance' });
  await expect(panel.getByTestId('remote-status')).toHaveText('refusée');
  await expect(panel.getByRole('button', { name: "Démarrer une session d'assistance" })).toBeVisible();
  // nothing to join: the server refuses the signalling token for this session
  const status = await req.evaluate(async (n) => {
    const r = await fetch(`/api/v1/tickets/${n}/remote-session`);
    const body = (await r.json()) as { session: { id: number; status: string } };
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const join = await fetch(`/api/v1/remote/sessions/${body.session.id}/join`, {
      method: 'POST',
      headers: { 'x-csrf-token': me.csrfToken },
    });
    return { status: body.session.status, join: join.status };
  }, number);
  expect(status.status).toBe('refused');
  expect(status.join).toBe(409);
  await expect(req.getByRole('region', { name: "Session d'assistance à distance" })).toHaveCount(0);
  await close();
});
