/** Innovation platforms: key labs, engineering centres, consortia, off-site R&D platforms. */
import { message } from '../core/messages.js';
import { defineCollection } from './define.js';

export const platforms = defineCollection({
  name: 'platforms',
  contact: 'cooperation',
  own: {
    kind: { type: 'code', vocab: 'platformKind' },
    level: { type: 'code', vocab: 'level', nullable: true },
    host: { type: 'text', max: 200 },
    hostEn: { type: 'text', max: 300 },
    location: { type: 'text', max: 100, nullable: true },
    locationEn: { type: 'text', max: 150, nullable: true },
    established: { type: 'int', min: 1900, max: 2100, nullable: true },
  },
  facets: { kind: 'kind', level: 'level' },
  keywords: ['host', 'hostEn', 'location', 'locationEn'],
  cardLines: ['level', 'kind', 'county'],
  related: [
    { by: 'field', collection: 'platforms' },
    { by: 'field', collection: 'experts' },
  ],
  rankedBy: 'level',
  stats: {
    position: 1,
    charts: [
      { id: 'platformsByLevel', field: 'level' },
      { id: 'platformsByKind', field: 'kind', order: 'count' },
      { id: 'platformsByCounty', field: 'county' },
    ],
  },
  refine: (input) => {
    if (input.kind === 'offsite-rnd') {
      const issues = input.level == null ? [] : [{ path: 'level', message: message('offsiteNoLevel') }];
      return input.location ? issues : [...issues, { path: 'location', message: message('offsiteRequired') }];
    }
    return input.level == null ? [{ path: 'level', message: message('required') }] : [];
  },
});
