import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';

/**
 * Built-in Microsoft Entra role template ids a policy may name in `includeRoles`/`excludeRoles` (rule 11,
 * `1103`). The roles the service knows by name (graph-spec §5) plus other well-known built-in roles from
 * Entra's permissions reference. A built-in role missing here is refused like a custom one: add it.
 */
export const BUILT_IN_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ...Object.values(DIRECTORY_ROLES),
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  'cf1c38e5-3621-4004-a7cb-879624dced7c', // Application Developer
  'c430b396-e693-46cc-96f3-db01bf8bb62a', // Attack Simulation Administrator
  '7495fdc4-34c4-4d15-a289-98788ce399fd', // Azure Information Protection Administrator
  'b0f54661-2d74-4c50-afa3-1ec803f12efe', // Billing Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  '7698a772-787b-4ac8-901f-60d6b08affd2', // Cloud Device Administrator
  '17315797-102d-40b4-93e0-432062caca18', // Compliance Administrator
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
  '9360feb5-f418-4baa-8175-e2a00bac4301', // Directory Writers
  '44367163-eba1-44c3-98af-f5787879f96a', // Dynamics 365 Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
  '31392ffb-586c-42d1-9346-e59415a2cc4e', // Exchange Recipient Administrator
  'fdd7a751-b60b-444a-984c-02652fe8fa1c', // Groups Administrator
  '95e79109-95c0-4d8e-aee3-d01accf2d47b', // Guest Inviter
  '10dae51f-b6af-4016-8d66-8c2a99b929b3', // Guest User
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', // Hybrid Identity Administrator
  '3a2c62db-5318-420d-8d74-23affee5d9d5', // Intune Administrator
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a', // License Administrator
  '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', // Message Center Reader
  '11648597-926c-4cf3-9c36-bcebb0ba8dcc', // Power Platform Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '4a5d8f65-41da-4de4-8968-e035b65339cf', // Reports Reader
  '2af84b1e-32c8-42b7-82bc-daa82404023b', // Restricted Guest User
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', // Security Operator
  'f023fd81-a637-4b56-95fd-791ac0226033', // Service Support Administrator
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', // SharePoint Administrator
  '69091246-20e8-4a56-aa4d-066075b2a7a8', // Teams Administrator
  'baf37b3a-610e-45da-9e62-d9d1e5e8914b', // Teams Communications Administrator
  '9f06204d-73c1-4d4c-880a-6edb90606fd8', // Microsoft Entra Joined Device Local Administrator
]);
