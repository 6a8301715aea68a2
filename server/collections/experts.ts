/** Academicians, experts and scholars, and think-tank advisors who came to Changji. */
import { defineCollection } from './define.js';

export const experts = defineCollection({
  name: 'experts',
  contact: 'cooperation',
  personal: true,
  own: {
    category: { type: 'code', vocab: 'expertCategory' },
    title: { type: 'text', max: 100 },
    titleEn: { type: 'text', max: 150 },
    affiliation: { type: 'text', max: 200 },
    affiliationEn: { type: 'text', max: 300 },
    institutionId: { type: 'ref', collection: 'institutions', nullable: true, text: { affiliation: 'name', affiliationEn: 'nameEn' } },
    expertise: { type: 'list', maxItems: 12, maxLength: 40 },
    expertiseEn: { type: 'list', maxItems: 12, maxLength: 80 },
  },
  facets: { category: 'category' },
  keywords: ['expertise', 'expertiseEn', 'affiliation', 'affiliationEn', 'title', 'titleEn'],
  // Namesakes are told apart by their affiliation, on cards and in the page title.
  cardLines: ['category', 'title', 'affiliation'],
  titleFields: ['affiliation'],
  related: [
    { by: 'reference', field: 'institutionId', group: 'institution' },
    { by: 'field', collection: 'experts' },
    { by: 'field', collection: 'platforms' },
  ],
  stats: {
    position: 2,
    charts: [
      { id: 'expertsByCategory', field: 'category' },
      { id: 'expertsByField', field: 'fields', order: 'count' },
    ],
  },
});
