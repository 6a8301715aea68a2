/** Academicians, experts and scholars, and think-tank advisors who came to Changji. */
import { defineCollection } from './define.js';

export const experts = defineCollection({
  name: 'experts',
  contact: 'cooperation',
  own: {
    category: { type: 'code', vocab: 'expertCategory' },
    title: { type: 'text', max: 100 },
    titleEn: { type: 'text', max: 150 },
    affiliation: { type: 'text', max: 200 },
    affiliationEn: { type: 'text', max: 300 },
    institutionId: { type: 'ref', collection: 'institutions', nullable: true },
    expertise: { type: 'list', maxItems: 12, maxLength: 40 },
    expertiseEn: { type: 'list', maxItems: 12, maxLength: 80 },
  },
  facets: { category: 'category' },
  keywords: ['expertise', 'expertiseEn', 'affiliation', 'affiliationEn', 'title', 'titleEn'],
});
