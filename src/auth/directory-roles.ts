/**
 * Microsoft Entra built-in role template ids (graph-spec §5): what a delegated token's `wids` claim
 * carries. Permission tables name roles; the guard compares ids.
 */
export const DIRECTORY_ROLES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Authentication Policy Administrator': '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Global Secure Access Administrator': 'ac434307-12b9-4fa1-a708-88bf58caabc1',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Password Administrator': '966707d0-3269-4727-9be2-8c3a10f19b9d',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Developer': 'cf1c38e5-3621-4004-a7cb-879624dced7c',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Directory Readers': '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  'Reports Reader': '4a5d8f65-41da-4de4-8968-e035b65339cf',
  'Security Operator': '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  User: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
} as const;

export type DirectoryRole = keyof typeof DIRECTORY_ROLES;

const BY_ID = new Map<string, DirectoryRole>(Object.entries(DIRECTORY_ROLES).map(([name, id]) => [id, name as DirectoryRole]));

export function roleNameOf(templateId: string): DirectoryRole | undefined {
  return BY_ID.get(templateId.toLowerCase());
}

/** Personal Microsoft accounts sign in through this tenant id (graph-spec §4.10). */
export const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
