/** A staff member driving the back office over HTTP like a browser: signs in, reads CSRF tokens, posts listing forms. */
import { editableFields, type ListingInput } from '../../server/collections/define.js';
import { getCollection } from '../../server/collections/registry.js';

const TOKEN = /name="_csrf" value="([^"]+)"/;

/** A listing input as its back-office form posts it: codes repeated, list items one a line, empty for none. */
export function listingForm(collection: string, input: ListingInput): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, spec] of editableFields(getCollection(collection))) {
    const value = input[key];
    if (spec.type === 'codes') for (const code of (value as string[] | undefined) ?? []) form.append(key, code);
    else if (spec.type === 'list') form.append(key, ((value as string[] | undefined) ?? []).join('\n'));
    else form.append(key, value == null ? '' : String(value));
  }
  return form;
}

export class AdminClient {
  /** The cookies a browser would send back: the session and the CSRF cookie its forms' tokens pair with. */
  private readonly cookies = new Map<string, string>();
  private token = '';

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** One request with the cookies; keeps the ones set or renewed. Redirects are not followed. */
  async request(method: 'GET' | 'POST', path: string, form?: URLSearchParams | FormData): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    if (form instanceof URLSearchParams) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = form instanceof URLSearchParams ? form.toString() : form;
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  /** GETs a page and keeps the CSRF token of its forms. */
  async page(path: string): Promise<{ status: number; html: string }> {
    const res = await this.request('GET', path);
    const html = await res.text();
    const token = TOKEN.exec(html)?.[1];
    if (token) this.token = token;
    return { status: res.status, html };
  }

  /** POSTs a form with the session's CSRF token. */
  post(path: string, form: URLSearchParams): Promise<Response> {
    const body = new URLSearchParams(form);
    body.set('_csrf', this.token);
    return this.request('POST', path, body);
  }

  /** Uploads a file through a collection's import form (`mode` commit or dry-run); the answer is not followed. */
  async upload(collection: string, file: { name: string; content: string }, mode: 'commit' | 'dry-run'): Promise<Response> {
    await this.page(`/admin/bulk/${collection}`);
    const form = new FormData();
    form.set('_csrf', this.token);
    form.set('mode', mode);
    form.set('file', new Blob([file.content], { type: 'text/csv' }), file.name);
    return this.request('POST', `/admin/bulk/${collection}/import`, form);
  }

  /** Signs in; throws unless the back office lets the user in. */
  async signIn(username: string, password: string): Promise<void> {
    await this.page('/admin/login');
    const res = await this.post('/admin/login', new URLSearchParams({ username, password }));
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    await this.page('/admin/listings/platforms/new');
  }

  /** Creates a listing through its form; returns its id, or throws with the status the form answered. */
  async create(collection: string, input: ListingInput): Promise<number> {
    const res = await this.post(`/admin/listings/${collection}`, listingForm(collection, input));
    const id = /\/admin\/listings\/[a-z]+\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
    if (res.status !== 303 || !id) throw new Error(`create ${collection} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return Number(id);
  }

  /** Saves an edit of the listing at `version` through its form; throws unless it was saved. */
  async update(collection: string, id: number, input: ListingInput, version: number): Promise<void> {
    const form = listingForm(collection, input);
    form.set('version', String(version));
    const res = await this.post(`/admin/listings/${collection}/${id}`, form);
    if (res.status !== 303) throw new Error(`update ${collection}/${id} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
}
