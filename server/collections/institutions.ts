/** Partner universities and research institutes (四方合作). */
import { defineCollection } from './define.js';

export const institutions = defineCollection({
  name: 'institutions',
  contact: 'cooperation',
  own: {
    type: { type: 'code', vocab: 'institutionType' },
    location: { type: 'text', max: 100 },
    locationEn: { type: 'text', max: 150 },
    agreementYear: { type: 'int', min: 1990, max: 2100, nullable: true },
  },
  facets: { type: 'type' },
  keywords: ['location', 'locationEn'],
  cardLines: ['type', 'location'],
  related: [
    { by: 'referrers', collection: 'experts', field: 'institutionId', group: 'members' },
    { by: 'field', collection: 'platforms' },
  ],
  stats: { position: 4, charts: [{ id: 'institutionsByType', field: 'type' }] },
});
