// The catalogue: staff, services, resources, package types and a salon's service overrides
// (shared/api.md "Staff, resources, services", "Packages", "Salon networks").
import { api, itemsOf } from '../../common/api';
import type { List, PackageType, Resource, Service, ServiceOverride, Staff } from '../../common/types';

/** The catalogue's collections, by their API path (/api/{name}). */
export interface CatalogueItems {
  staff: Staff;
  services: Service;
  resources: Resource;
  package_types: PackageType;
}
export type CatalogueName = keyof CatalogueItems;

/** A list query of the catalogue: `salon_id` null = every salon (the scope adds the chosen one otherwise). */
export interface CatalogueQuery {
  salon_id?: number | null;
  limit?: number;
}

/** GET /api/{name}. */
export const listCatalogue = async <K extends CatalogueName>(name: K, q: CatalogueQuery = { limit: 500 }) =>
  itemsOf(await api<List<CatalogueItems[K]>>('GET', `/api/${name}`, undefined, { ...q }));

/** POST /api/{name} → 201. The body is what the edit form holds (the contract names its members). */
export const createCatalogueItem = <K extends CatalogueName>(name: K, body: Record<string, unknown>) =>
  api<CatalogueItems[K]>('POST', `/api/${name}`, body);

export const updateCatalogueItem = <K extends CatalogueName>(name: K, id: number, body: Record<string, unknown>) =>
  api<CatalogueItems[K]>('PATCH', `/api/${name}/${id}`, body);

export const deleteCatalogueItem = (name: CatalogueName, id: number) => api<void>('DELETE', `/api/${name}/${id}`);

export const listStaff = (q?: CatalogueQuery) => listCatalogue('staff', { limit: 500, ...q });
export const listServices = (q?: CatalogueQuery) => listCatalogue('services', { limit: 500, ...q });
export const listResources = (q?: CatalogueQuery) => listCatalogue('resources', { limit: 500, ...q });
export const listPackageTypes = () => listCatalogue('package_types', { limit: 500 });

/** PUT /api/salons/{id}/services/{service_id} → the service as that salon sees it. */
export const setServiceOverride = (salonId: number, serviceId: number, body: ServiceOverride) =>
  api<Service>('PUT', `/api/salons/${salonId}/services/${serviceId}`, body);
