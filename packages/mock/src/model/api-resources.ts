/** The shapes the mock stores, as `openapi/mmd.openapi.yaml` declares them. */

export type Persona = 'Standard' | 'SensitiveData' | 'PowerUser' | 'Kiosk' | 'Starter';
export const PERSONAS: readonly Persona[] = ['Standard', 'SensitiveData', 'PowerUser', 'Kiosk', 'Starter'];
export type UpdateRing = 'Test' | 'First' | 'Fast' | 'Broad';

export interface MockGroup {
  id: string;
  displayName: string;
  description: string;
  countMembers: number | null;
}

export interface MockConfiguration {
  id: string;
  type: string;
  name: string;
  version: string;
  createdUtc: string;
  lastModifiedUtc: string;
  deploymentStatus: string;
  lastReportedStatusUtc: string;
}

export interface MockDevice {
  name: string;
  intuneId: string | null;
  manufacturer: string;
  model: string;
  serialNumber: string;
  globalDeviceId: string | null;
  enrolledIntoIntuneDateTimeUtc: string | null;
  tenantId: string;
  tenantName: string | null;
  assignedUser: string | null;
  userUpn: string | null;
  userEmail: string | null;
  complianceState: string;
  osVersion: string | null;
  primaryUpdateRing: UpdateRing;
  lastIntuneSyncDateTimeUtc: string | null;
  ageInMonths: number;
  planType: string;
  persona: Persona;
  aadDeviceId: string;
  managementAgent: string | null;
  operatingSystemEdition: string | null;
  profileAssignmentStatus: string;
  groups: MockGroup[];
  configurations: MockConfiguration[];
}

export interface MockUserRecord {
  name: string;
  upn: string;
  email: string;
  groups: MockGroup[];
}

export interface MockTicketNote {
  id: number;
  type: string;
  renderType: string;
  createdDateTime: string;
  modifiedDateTime: string;
  text: string;
  sender: string;
}

export interface MockTicket {
  title: string;
  description: string;
  isPartner: boolean;
  type: string;
  category: string;
  subcategory: string;
  compromiseIndicator: null;
  usersOrDevicesImpacted: number | null;
  relatedAlerts: null;
  businessImpact: string | null;
  issueFirstNoticed: string | null;
  issueReproduced: boolean | null;
  endUserSupportEngaged: boolean | null;
  troubleshootingSteps: string | null;
  nextActionOwner: string;
  nextActionTime: string | null;
  reproSteps: string | null;
  id: string;
  severity: number;
  state: string;
  createdDateTime: string;
  resolvedDateTime: string | null;
  contact: {
    id: string;
    givenName: string;
    surname: string;
    email: string;
    phoneNumber: string;
    preferredLanguageId: string;
  };
  emails: unknown[];
  attachments: unknown[];
  notes: MockTicketNote[];
}

export interface MockElevationRequest {
  id: string;
  tenantId: string;
  partnerId: string;
  requestingAgentUpn: string;
  partnerTicketId: string;
  deviceName: string;
  title: string;
  category: string;
  subcategory: string;
  planOfAction: string;
  actionsTaken: string;
  closingAgentUpn: string;
  requestCreationTime: string;
  requestClosureTime: string | null;
  requestRenewTime: string | null;
  isSuccessfulRequest: boolean;
  viewerUpns: string[];
  passwordLastUpdatedTime: string;
  isDeleted: boolean;
  ttl: number;
  eTag: string | null;
}

/** The elevated local account of a device with an open request. */
export interface MockElevatedAccount {
  accountUpn: string;
  password: string;
  passwordLastUpdated: string;
  viewedBy: string[];
}
