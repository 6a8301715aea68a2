/** Talent apartments in county seats and parks, turnover rooms in townships and villages. */
import { message } from '../core/messages.js';
import { defineCollection } from './define.js';

export const apartments = defineCollection({
  name: 'apartments',
  contact: 'housing',
  own: {
    kind: { type: 'code', vocab: 'housingKind' },
    township: { type: 'text', max: 60, required: true },
    townshipEn: { type: 'text', max: 100 },
    address: { type: 'text', max: 200 },
    addressEn: { type: 'text', max: 300 },
    units: { type: 'int', min: 0, max: 100_000, unit: 'units' },
    availableUnits: { type: 'int', min: 0, max: 100_000 },
    areaSqm: { type: 'int', min: 1, max: 10_000, nullable: true, unit: 'sqm' },
    furnished: { type: 'bool' },
    monthlyRent: { type: 'int', min: 0, max: 1_000_000, unit: 'yuanPerMonth', zero: 'rentFree' },
  },
  facets: { kind: 'kind' },
  keywords: ['township', 'townshipEn', 'address', 'addressEn'],
  capacity: { total: 'units', free: 'availableUnits' },
  applyTerms: { rent: 'monthlyRent', furnished: 'furnished' },
  cardLines: ['kind', 'township', 'availableUnits', 'monthlyRent'],
  related: [
    { by: 'county', collection: 'apartments' },
    { by: 'county', collection: 'platforms' },
  ],
  stats: {
    position: 3,
    charts: [
      { id: 'housingByCounty', field: 'county' },
      { id: 'housingByKind', field: 'kind' },
    ],
  },
  refine: (input) =>
    typeof input.units === 'number' && typeof input.availableUnits === 'number' && input.availableUnits > input.units
      ? [{ path: 'availableUnits', message: message('exceedUnits') }]
      : [],
});
