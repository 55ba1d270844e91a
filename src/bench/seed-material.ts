import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../corpus/load-corpus.js';
import { parseMeeting, type ParsedItem } from '../corpus/parse-meeting.js';
import type { NextMeeting } from '../corpus/types.js';
import { isSubheadingParagraph } from '../search/passages.js';

/**
 * Text harvested from the real seed agendas, the raw material of synthetic agendas: titles,
 * sentences per section, recommendation clauses, *Siden sidst* briefings, attachments.
 */
export interface SeedItem {
  title: string;
  heading: string;
  /** Year of the seed meeting, so years in its text can be moved to the synthetic meeting's year. */
  year: number;
  background: string[];
  presentation: string[];
  /** What follows `Det indstilles, at KKR …` (`godkender referatet.`). */
  clauses: string[];
  attachments: string[];
  links: string[];
}

export interface Briefing {
  heading: string;
  sentences: string[];
  year: number;
}

export interface SeedMaterial {
  /** Items with a topic of their own (not the standard items every agenda has). */
  topical: SeedItem[];
  /** Appointment items (*Udpegninger*), varied separately. */
  appointments: SeedItem[];
  /** Titles of topical items and of items announced for the next meeting. */
  titles: Array<{ title: string; year: number }>;
  backgroundSentences: Array<{ text: string; year: number }>;
  presentationSentences: Array<{ text: string; year: number }>;
  clauses: Array<{ text: string; year: number }>;
  briefings: Briefing[];
  attachments: string[];
  links: string[];
  caseOfficers: string[];
  /** Topical section headings (`Regionalpolitiske sager`, `Temadrøftelse`). */
  headings: string[];
}

interface SeedMeetingLike {
  meetingDate?: string;
  items: ParsedItem[];
  nextMeeting?: NextMeeting;
}

/** Titles every agenda has; they are generated from templates, not harvested as topics. */
const STANDARD_TITLE = /^(godkendelse af (dagsorden|referat)|siden sidst|punkter til næste møde|eventuelt)$/i;
const STANDARD_HEADING = /godkendelse af|siden sidst|punkter til næste møde|eventuelt|udpegning/i;

/** Sentences end at `.`, `!` or `?` before a capital letter; abbreviations (`bl.a.`) rarely precede one. */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?])\s+(?=[\p{Lu}])/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && s.length <= 600 && !/https?:|\bSIDE\b|\|/.test(s));
}

function sectionSentences(text: string): string[] {
  return text
    .split('\n\n')
    .filter((p) => !isSubheadingParagraph(p))
    .flatMap((p) => splitSentences(p.replace(/\n(?!–)/g, ' ')));
}

function clausesOf(recommendation: string): string[] {
  const m = /^Det indstilles, at KKR \S+\s*(.+)$/su.exec(recommendation.trim());
  return m ? [m[1]!.trim()] : [];
}

function briefingsOf(text: string, year: number): Briefing[] {
  const out: Briefing[] = [];
  let current: Briefing | undefined;
  for (const paragraph of text.split('\n\n')) {
    if (isSubheadingParagraph(paragraph)) {
      current = { heading: paragraph.trim(), sentences: [], year };
      out.push(current);
    } else if (current) {
      current.sentences.push(...splitSentences(paragraph.replace(/\n/g, ' ')));
    }
  }
  return out.filter((b) => b.sentences.length > 0);
}

/** Harvests seed material from parsed meetings (from `loadCorpus` or `parseAgenda`). */
export function harvestSeedMaterial(meetings: readonly SeedMeetingLike[]): SeedMaterial {
  const material: SeedMaterial = {
    topical: [],
    appointments: [],
    titles: [],
    backgroundSentences: [],
    presentationSentences: [],
    clauses: [],
    briefings: [],
    attachments: [],
    links: [],
    caseOfficers: [],
    headings: [],
  };
  const officers = new Set<string>();
  const attachments = new Set<string>();
  const links = new Set<string>();
  const headings = new Set<string>();
  for (const meeting of meetings) {
    const year = Number((meeting.meetingDate ?? '2024').slice(0, 4));
    for (const item of meeting.items) {
      for (const o of item.caseOfficers) officers.add(o);
      for (const a of item.attachments) attachments.add(a);
      for (const l of item.links) if (/^https?:\/\//.test(l)) links.add(l);
      if (/^siden sidst$/i.test(item.title)) {
        material.briefings.push(...briefingsOf(item.background, year));
        continue;
      }
      if (STANDARD_TITLE.test(item.title)) continue;
      const seed: SeedItem = {
        title: item.title,
        heading: item.heading,
        year,
        background: sectionSentences(item.background),
        presentation: sectionSentences(item.presentation),
        clauses: clausesOf(item.recommendation),
        attachments: item.attachments,
        links: item.links.filter((l) => /^https?:\/\//.test(l)),
      };
      if (/^udpegning/i.test(item.title)) {
        material.appointments.push(seed);
        continue;
      }
      if (!STANDARD_HEADING.test(item.heading)) headings.add(item.heading);
      material.topical.push(seed);
      material.titles.push({ title: item.title, year });
      for (const text of seed.background) material.backgroundSentences.push({ text, year });
      for (const text of seed.presentation) material.presentationSentences.push({ text, year });
      for (const text of seed.clauses) material.clauses.push({ text, year });
    }
    for (const title of meeting.nextMeeting?.expectedItems ?? []) material.titles.push({ title: title.replace(/\.$/, ''), year });
  }
  material.attachments = [...attachments];
  material.links = [...links];
  material.caseOfficers = [...officers];
  material.headings = [...headings];
  if (material.topical.length === 0 || material.presentationSentences.length === 0) {
    throw new Error('the seed agendas hold no topical items to harvest; point the generator at the real corpus folder');
  }
  return material;
}

/** Seed material from a corpus folder, through the real loader (text and PDF agendas). */
export async function loadSeedMaterial(corpusDir = 'corpus'): Promise<SeedMaterial> {
  const { meetings } = await loadCorpus(corpusDir);
  return harvestSeedMaterial(meetings);
}

const cache = new Map<string, SeedMaterial>();

/**
 * Seed material read synchronously from the `.txt` agendas of a folder (the seeds are text), so
 * `generateMeetings` can be called without awaiting anything. Cached per folder.
 */
export function readSeedMaterialSync(corpusDir = 'corpus'): SeedMaterial {
  const key = path.resolve(corpusDir);
  let material = cache.get(key);
  if (!material) {
    const files = readdirSync(corpusDir).filter((f) => f.toLowerCase().endsWith('.txt')).sort();
    const parsed = files.map((file) => parseMeeting({ file, pages: [readFileSync(path.join(corpusDir, file), 'utf8')], paged: false }));
    material = harvestSeedMaterial(parsed);
    cache.set(key, material);
  }
  return material;
}
