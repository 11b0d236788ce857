/** Graph's fixed method ids: one per phone type, one email, one password (graph-spec §2.6). */
export const PHONE_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;

export type PhoneType = keyof typeof PHONE_IDS;
export const PHONE_TYPES = Object.keys(PHONE_IDS) as PhoneType[];

export const EMAIL_METHOD_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

import { GUID_PATTERN as GUID } from '../../../graph/odata/literals.js';
export { GUID };

/** `+{country code} {number}` with an optional `x{extension}` (graph-spec §2.6.6). */
export const PHONE_NUMBER_PATTERN = /^\+\d{1,3} \d+(x\d+)?$/;
