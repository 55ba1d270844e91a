import type { Section, SectionRole } from './types.js';

/**
 * The text of an item's sections of one role, in printed order, as one field (`background` is
 * every *Resume*, *Baggrund* and *Sagens kerne* of the item). The parser fills an item's fields
 * with it and the persisted index re-derives them from the sections, so the text is stored once.
 */
export function sectionText(sections: readonly Section[], role: SectionRole): string {
  let out = '';
  for (const s of sections) {
    if (s.role !== role || s.text === '') continue;
    out = out === '' ? s.text : `${out}\n\n${s.text}`;
  }
  return out;
}

/**
 * The sections of an item given as KL prints them (*Baggrund*, *Indstilling*, *Sagsfremstilling*,
 * *Bilag*, *Beslutning*): for material made field by field (synthetic agendas, tests).
 */
export function standardSections(fields: { background: string; recommendation: string; presentation: string; attachments: readonly string[]; decision?: string | null }): Section[] {
  const sections: Section[] = [];
  if (fields.background) sections.push({ heading: 'Baggrund', role: 'background', text: fields.background });
  if (fields.recommendation) sections.push({ heading: 'Indstilling', role: 'recommendation', text: fields.recommendation });
  if (fields.presentation) sections.push({ heading: 'Sagsfremstilling', role: 'presentation', text: fields.presentation });
  if (fields.attachments.length > 0) sections.push({ heading: 'Bilag', role: 'attachments', text: fields.attachments.join('\n') });
  if (fields.decision) sections.push({ heading: 'Beslutning', role: 'decision', text: fields.decision });
  return sections;
}
