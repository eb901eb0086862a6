// The data the views show, one resource per API document. An event invalidates the resources it affects; a resource
// some shown view needs is fetched again after a short debounce (a burst of events costs one request), the others
// when a view that needs them is shown. /api/apps is fetched with If-None-Match.

import { getJson } from './api.js';

const DEBOUNCE_MS = 50;

/** Which resources an event of this type makes stale. */
export function affectedBy(type) {
  if (type.startsWith('AppBoot') || type.startsWith('Boot') || type.startsWith('Stage') || type === 'StoresReady' || type === 'IdentityResolved') {
    return ['boot'];
  }

  if (type.startsWith('App') || type === 'RegistryReset') {
    return ['apps', 'stores'];
  }

  if (type.startsWith('Instance')) {
    return ['instances'];
  }

  if (type.startsWith('Store') || type === 'RequiredStoresLoaded') {
    return ['stores'];
  }

  if (type.startsWith('Notification')) {
    return ['notifications'];
  }

  if (type.startsWith('Layout') || type === 'DefaultLayoutChanged') {
    return ['layouts'];
  }

  return [];
}

class Resource {
  constructor(name, load) {
    this.name = name;
    this.loader = load;
    this.value = undefined;
    this.error = null;
    this.etag = null;
    this.stale = true;
    this.users = 0;
    this.listeners = new Set();
    this.timer = null;
    this.running = null;
    this.again = false;
  }

  invalidate() {
    this.stale = true;
    if (this.users > 0) {
      this.schedule();
    }
  }

  schedule() {
    if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.load();
      }, DEBOUNCE_MS);
    }
  }

  async load() {
    if (this.running) {
      // One request at a time; what changed meanwhile is fetched right after.
      this.again = true;
      return this.running;
    }

    this.stale = false;
    this.running = (async () => {
      try {
        const result = await this.loader(this);
        if (!result.notModified) {
          this.value = result.value;
          this.etag = result.etag ?? null;
        }

        this.error = null;
      } catch (error) {
        this.error = error;
      }
    })();
    await this.running;
    this.running = null;
    for (const fn of this.listeners) {
      fn(this);
    }

    if (this.again) {
      this.again = false;
      await this.load();
    }
  }

  /** Uses the resource (fetching it when stale) and calls fn on every change; returns the release function. */
  use(fn) {
    this.users++;
    this.listeners.add(fn);
    if (this.stale) {
      this.schedule();
    } else if (this.value !== undefined || this.error) {
      fn(this);
    }

    return () => {
      this.users--;
      this.listeners.delete(fn);
    };
  }

  clear() {
    clearTimeout(this.timer);
    this.timer = null;
    this.value = undefined;
    this.error = null;
    this.etag = null;
    this.stale = true;
  }
}

const simple = (path) => () => getJson(path);

async function layouts() {
  const [list, preferred] = await Promise.all([getJson('/api/layouts'), getJson('/api/layouts/default')]);
  return { value: { layouts: list.value ?? [], defaultLayout: preferred.value } };
}

/** The resources by name. */
export const resources = {
  apps: new Resource('apps', (r) => getJson('/api/apps', { etag: r.value !== undefined ? r.etag : null })),
  instances: new Resource('instances', simple('/api/instances')),
  boot: new Resource('boot', simple('/api/boot')),
  stores: new Resource('stores', simple('/api/stores')),
  notifications: new Resource('notifications', simple('/api/notifications')),
  layouts: new Resource('layouts', layouts),
};

/** Marks the resources an event affects stale (those in use are fetched again). */
export function invalidateFor(type) {
  for (const name of affectedBy(type)) {
    resources[name].invalidate();
  }
}

/** Marks every resource stale: after a reconnect or a gap in the stream. */
export function invalidateAll() {
  for (const resource of Object.values(resources)) {
    resource.invalidate();
  }
}

/** Drops every cached document (sign-out). */
export function clearAll() {
  for (const resource of Object.values(resources)) {
    resource.clear();
  }
}
