// Record shapes of the seed files. The database adds id, createdAt, updatedAt and version,
// so they are deliberately absent here; file order becomes id order.

export const COUNTIES = [
  'changji', 'fukang', 'hutubi', 'manas', 'qitai',
  'jimsar', 'mori', 'zhundong', 'hitech', 'agri-zone',
] as const;
export type County = (typeof COUNTIES)[number];

export const FIELDS = [
  'coal-chemistry', 'power-equipment', 'silicon-materials', 'chemical-materials',
  'cotton', 'seed-industry', 'livestock', 'food-processing', 'wine', 'biosafety',
  'digital', 'logistics', 'ecology', 'medicine',
] as const;
export type Field = (typeof FIELDS)[number];

export const PLATFORM_KINDS = [
  'key-lab', 'engineering-center', 'enterprise-tech-center', 'expert-workstation', 'consortium',
  'collaborative-center', 'expert-service-base', 'incubator', 'offsite-rnd',
] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export type Source = 'report-2022' | 'sample';

export interface Listing {
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  county: County;
  fields: Field[];
  source: Source;
  status: 'active';
}

export interface Platform extends Listing {
  kind: PlatformKind;
  level: 'national' | 'regional' | null;
  host: string;
  hostEn: string;
  location: string | null;
  locationEn: string | null;
  established: number;
}

export interface Institution extends Listing {
  type: 'university' | 'institute';
  location: string;
  locationEn: string;
  agreementYear: number;
}

export type ExpertCategory = 'academician' | 'expert' | 'advisor';

export interface Expert extends Listing {
  category: ExpertCategory;
  title: string;
  titleEn: string;
  affiliation: string;
  affiliationEn: string;
  expertise: string[];
  expertiseEn: string[];
}

export interface Apartment extends Listing {
  kind: 'talent-apartment' | 'turnover-room';
  township: string;
  townshipEn: string;
  address: string;
  addressEn: string;
  units: number;
  availableUnits: number;
  areaSqm: number;
  furnished: boolean;
  monthlyRent: number;
}

/** A zh text with its English counterpart, kept together so the two never drift apart. */
export interface Bi {
  zh: string;
  en: string;
}
