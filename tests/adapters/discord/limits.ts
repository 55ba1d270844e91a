import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import type { DiscordReply } from '../../../src/adapters/discord/render-answer.js';

/** Asserts every Discord limit a message with these embeds and components must keep. */
export function expectWithinDiscordLimits(reply: Pick<DiscordReply, 'embeds'> & Partial<Pick<DiscordReply, 'components'>>): void {
  const embeds: APIEmbed[] = reply.embeds;
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  const rows = reply.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const b of row.components) {
      if ('custom_id' in b) {
        expect(b.custom_id.length).toBeLessThanOrEqual(100);
        expect(ids.has(b.custom_id)).toBe(false);
        ids.add(b.custom_id);
      }
      if ('label' in b && b.label !== undefined) expect(b.label.length).toBeLessThanOrEqual(80);
    }
  }
}
