// The shapes of the Creneau API contract (shared/api.md), named after it. Members the contract marks as
// optional, or that some answers leave out (e.g. the public staff list has no e-mail), are optional here.
// Ids are numbers, instants ISO 8601 strings with offset, dates 'YYYY-MM-DD', times of day 'HH:MM'.

/** `{"total": N, "items": [...]}`: every list route. */
export interface List<T> {
  total?: number;
  items: T[];
}

/** `{"error": {"code","message","field"}}`. */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'slot_taken'
  | 'too_many_services'
  | 'resource_required'
  | 'outside_hours'
  | 'no_package'
  | 'package_exhausted'
  | 'discovery_already_used'
  | 'cannot_reschedule_group'
  | 'unknown_identifier'
  | 'bad_credentials'
  | 'too_late'
  | 'payload_too_large';
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; field?: string | null };
}

export type Role = 'admin' | 'manager' | 'employee';
export type Audience = 'child' | 'teen' | 'adult' | 'all';
export type AppointmentStatus = 'approved' | 'pending' | 'cancelled';
export type Confirmation = 'approve' | 'request' | 'silent';
export type WaitlistMode = 'off' | 'manual' | 'automatic';
export type Channel = 'email' | 'sms';
export type Language = 'fr' | 'en';

// ---- Settings -------------------------------------------------------------------------------------------

/** One opening-hours or staff-hours row (weekday 1 = Monday … 7). */
export interface Hours {
  weekday: number;
  start: string;
  end: string;
  /** In a network: the salon this row is worked at. */
  salon_id?: number | null;
}

export interface BookingRules {
  slot_step_minutes?: number;
  min_notice_minutes?: number;
  max_advance_days?: number;
  cancel_notice_minutes?: number;
}

export interface WaitlistSettings {
  mode?: WaitlistMode;
  max_notified?: number;
  channels?: Channel[];
  message?: string;
}

/** `GET|PATCH /api/settings`. */
export interface Settings {
  name?: string;
  timezone: string;
  currency: string;
  country?: string;
  language?: Language;
  preferred_staff_selection?: boolean;
  opening_hours: Hours[];
  booking?: BookingRules;
  reminder_hours?: number;
  birthday_messages?: boolean;
  waitlist?: WaitlistSettings;
}

/** `GET|PATCH /api/network`. */
export interface Network {
  name: string;
  retention_years: number;
}

// ---- Salons ---------------------------------------------------------------------------------------------

/** `GET /api/salons` items, `POST|PATCH /api/salons`. */
export interface Salon {
  id: number;
  name: string;
  slug: string;
  address?: string;
  postal_code?: string;
  city?: string;
  phone?: string;
  email?: string;
  timezone?: string;
}
export type SalonInput = Omit<Salon, 'id'>;

/** `GET /api/portal/salons` items (no e-mail). */
export type PortalSalon = Omit<Salon, 'email'>;

/**
 * `GET /api/portal/salon[?salon_id=|slug=]`: name, timezone, currency, opening hours, booking rules, waitlist
 * mode; in a network also the salon's id, slug and address.
 */
export interface PublicSalon {
  id?: number;
  slug?: string;
  name?: string;
  timezone: string;
  currency: string;
  country?: string;
  address?: string;
  postal_code?: string;
  city?: string;
  phone?: string;
  opening_hours?: Hours[];
  booking?: BookingRules;
  preferred_staff_selection?: boolean;
  waitlist_mode?: WaitlistMode | string;
  waitlist?: { mode?: WaitlistMode | string };
}

// ---- Staff, resources, services, package types ------------------------------------------------------------

export interface Staff {
  id: number;
  first_name: string;
  last_name?: string;
  email?: string;
  phone?: string;
  role?: Role;
  service_ids: number[];
  hours?: Hours[];
  salon_ids?: number[];
  /** '#RRGGBB'. */
  color?: string;
}
/** `GET /api/portal/staff` items: no e-mail, no phone. */
export interface PublicStaff {
  id: number;
  first_name: string;
  service_ids?: number[];
  salon_ids?: number[];
}

/** `POST /api/staff/{id}/time_off` → the absence; `GET /api/time_off` items. */
export interface TimeOff {
  id: number;
  staff_id: number;
  start: string;
  end: string;
  reason?: string;
}

export interface Resource {
  id: number;
  name: string;
  salon_id?: number | null;
}

export interface Question {
  key: string;
  question: string;
  required?: boolean;
}

export interface Service {
  id: number;
  name: string;
  category?: string;
  audience?: Audience | string;
  duration_minutes: number;
  price_cents: number;
  resource_ids: number[];
  capacity?: number;
  package_only?: boolean;
  discovery?: boolean;
  questionnaire?: Question[];
  /** With salon_id: whether the salon offers it (its price and duration are that salon's). */
  offered?: boolean;
}

/** `PUT /api/salons/{id}/services/{service_id}`: `null` = the network's value. */
export interface ServiceOverride {
  offered: boolean;
  price_cents: number | null;
  duration_minutes: number | null;
}

export interface PackageType {
  id: number;
  name: string;
  sessions: number;
  service_ids: number[];
  audience?: Audience | string;
  validity_days?: number;
  scope?: 'network' | 'salon';
}

// ---- Auth -------------------------------------------------------------------------------------------------

/** The logged-in staff member (`POST /api/auth/login` → staff, `GET /api/auth/me`). */
export interface StaffMe {
  id: number;
  first_name?: string;
  last_name?: string;
  email?: string;
  role?: Role;
  salon_ids?: number[];
}
export interface StaffLogin {
  token: string;
  staff: StaffMe;
}

// ---- Clients ----------------------------------------------------------------------------------------------

export interface Package {
  id: number;
  package_type_id: number;
  name: string;
  sessions: number;
  used: number;
  no_shows: number;
  remaining: number;
  start_date?: string;
  salon_id?: number | null;
}

/** A family link of a client file (`GET /api/clients/{id}/members`, the file's `members`). */
export interface Member {
  member_id?: number;
  client_id?: number;
  id?: number;
  relation?: string;
  first_name?: string;
  last_name?: string;
  /** Some answers nest the member's file. */
  member?: { first_name?: string; last_name?: string };
}

export interface AppointmentNote {
  appointment_id: number;
  start: string;
  notes: string;
}

/** `GET /api/clients` items. */
export interface Client {
  id: number;
  first_name: string;
  last_name: string;
  email?: string;
  phone?: string;
  gender?: string;
  birth_date?: string | null;
  note?: string;
  account?: string | null;
  last_appointment?: string | null;
  marketing_opt_out?: boolean;
  erased?: boolean;
}

/** `GET /api/clients/{id}`. */
export interface ClientFile extends Client {
  members?: Member[];
  packages?: Package[];
  no_shows?: number;
  appointment_notes?: AppointmentNote[];
}

export interface ClientInput {
  first_name: string;
  last_name: string;
  email: string;
  phone?: string;
  gender?: string;
  birth_date?: string | null;
  note?: string;
  marketing_opt_out?: boolean;
}

/** `POST /api/clients/bulk_delete` (with `dry_run`: what it would do). */
export interface BulkDeleteResult {
  deleted: number;
  cancelled?: number;
}

/** `GET /api/link-queue` items. */
export interface LinkQueueItem {
  account_id: number;
  identifier: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  /** The account's appointments (older answers: their ids). */
  appointments?: (Appointment | number)[];
}

// ---- Availability -----------------------------------------------------------------------------------------

export interface SlotLine {
  service_id: number;
  staff_id: number;
  resource_id?: number | null;
  start: string;
  end: string;
}
export interface Slot {
  start: string;
  end: string;
  lines: SlotLine[];
}
export interface Availability {
  slots: Slot[];
}
/** `GET /api/portal/next_slots` items. */
export interface NextSlot {
  salon_id: number;
  name: string;
  city?: string;
  first_slot: Slot | null;
}

// ---- Appointments -----------------------------------------------------------------------------------------

export interface AppointmentLine {
  service_id: number;
  staff_id: number;
  resource_id?: number | null;
  duration_minutes?: number;
  price_cents?: number;
  answers?: Record<string, string>;
  start?: string;
  end?: string;
}

export interface Actor {
  type: 'staff' | 'client' | string;
  id?: number | null;
  name?: string;
}

export interface Appointment {
  id: number;
  salon_id?: number | null;
  client_id: number | null;
  status: AppointmentStatus;
  start: string;
  end: string;
  lines: AppointmentLine[];
  requested_staff?: boolean;
  client_request?: string;
  quick_note?: string;
  notes?: string;
  notify_earlier_slot?: boolean;
  no_show?: boolean;
  arrived?: boolean;
  paid?: boolean;
  payment_method?: string;
  amount_requested_cents?: number;
  group?: boolean;
  rules?: BookingRules;
  created_at?: string;
  created_by?: Actor;
  updated_at?: string | null;
  updated_by?: Actor | null;
}

/** The body of `POST /api/appointments`; `PATCH` takes a part of it. */
export interface AppointmentInput {
  salon_id?: number;
  client_id?: number;
  start?: string;
  lines?: AppointmentLine[];
  requested_staff?: boolean;
  client_request?: string;
  quick_note?: string;
  notes?: string;
  confirmation?: Confirmation;
  payment_method?: string;
  amount_requested_cents?: number;
  notify_earlier_slot?: boolean;
}

/** `POST /api/portal/appointments`. */
export interface PortalAppointmentInput {
  salon_id?: number;
  for_client_id?: number;
  start: string;
  lines: AppointmentLine[];
  requested_staff?: boolean;
  client_request?: string;
  notify_earlier_slot?: boolean;
}

// ---- Waitlist ---------------------------------------------------------------------------------------------

export interface FreedSlotCandidate {
  appointment_id: number;
  client_id: number;
  start: string;
  created_at?: string;
}
export interface FreedSlot {
  id: number;
  salon_id?: number | null;
  staff_id: number;
  start: string;
  end: string;
  candidates: FreedSlotCandidate[];
  notified: number[];
}

/** `GET /api/portal/offers/{token}`: the proposed slot, the freed one, who, and whether it is still open. */
export interface Offer {
  status?: string;
  open?: boolean;
  salon_id?: number | null;
  slot?: { id?: number; staff_id?: number; start?: string; end?: string };
  freed_slot?: { start?: string; end?: string; staff_id?: number };
  staff?: { id?: number; first_name?: string };
  lines?: SlotLine[];
  /** Service names (or services). */
  services?: (string | { name?: string })[];
  appointment?: { id?: number; status?: AppointmentStatus; start?: string; end?: string } | null;
  message?: string;
  // Older answers put these at the top level.
  start?: string;
  end?: string;
  staff_id?: number;
  staff_name?: string;
  accepted?: boolean;
}

// ---- Messages, audit --------------------------------------------------------------------------------------

export type MessageKind =
  | 'confirmation'
  | 'confirmation_request'
  | 'reminder'
  | 'cancellation'
  | 'rescheduled'
  | 'waitlist_offer'
  | 'birthday'
  | 'password_reset';

/** `GET /api/outbox` items. */
export interface OutboxMessage {
  id: number;
  kind: MessageKind | string;
  channel: Channel;
  to: string;
  subject?: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  appointment_id?: number | null;
  client_id?: number | null;
  salon_id?: number | null;
  created_at: string;
  sent_at?: string | null;
  /** Why the last delivery attempt failed. */
  last_error?: string | null;
}

/** `GET /api/audit` items. */
export interface AuditEntry {
  at: string;
  actor: { type: 'staff' | 'client' | 'system' | string; id?: number | null; name: string };
  action: string;
  client_id?: number | null;
  /** "key=value;key=value", e.g. "fields=phone,note". */
  detail: string;
}

// ---- Reports ----------------------------------------------------------------------------------------------

/** One ROW of `GET /api/reports/summary` (`salon_id` null in "network"). */
export interface ReportRow {
  salon_id: number | null;
  appointments: number;
  cancelled: number;
  no_shows: number;
  revenue_cents: number;
  booked_minutes: number;
  open_minutes: number;
  occupancy: number;
  online_share: number;
  new_clients: number;
  waitlist_offers: number;
  waitlist_accepted: number;
}
export interface ReportSummary {
  from: string;
  to: string;
  salons: ReportRow[];
  network: ReportRow;
}
/** `GET /api/reports/daily` items. */
export interface ReportDay extends Omit<ReportRow, 'salon_id'> {
  date: string;
  salon_id?: number | null;
}
/** `GET /api/reports/package_usage` items. */
export interface PackageUsage {
  sold_salon_id: number;
  used_salon_id: number;
  sessions: number;
}

// ---- Client portal ----------------------------------------------------------------------------------------

export interface Account {
  id?: number;
  first_name?: string;
  last_name?: string;
  email?: string | null;
  phone?: string | null;
  client_id?: number | null;
}

/** `GET /api/portal/me`: the account, its client file (null while in the link queue), members, packages. */
export interface PortalMe {
  account: Account;
  client: ClientFile | null;
  members: Member[];
  packages: Package[];
}

export interface PortalRegister {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  password: string;
}
export interface PortalAuth {
  token: string;
  account?: Account;
}
