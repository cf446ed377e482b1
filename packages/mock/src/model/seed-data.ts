import type {
  MockConfiguration,
  MockDevice,
  MockElevatedAccount,
  MockElevationRequest,
  MockGroup,
  MockTicket,
  MockTicketNote,
  MockUserRecord,
  Persona,
  UpdateRing,
} from './api-resources';
import { SeededRandom } from './seeded-random';

/** Sizes and identity of a seeded tenant. */
interface SeedOptions {
  tenantId: string;
  domain: string;
  seed: number;
  deviceCount: number;
  ticketCount: number;
  elevationRequestCount: number;
  enabledProfiles: readonly Persona[];
  /** The moment the data is generated around, so the same seed gives the same timestamps. */
  now: Date;
}

interface SeedData {
  devices: MockDevice[];
  users: MockUserRecord[];
  tickets: MockTicket[];
  elevationRequests: MockElevationRequest[];
  elevatedAccounts: Map<string, MockElevatedAccount>;
}

const FIRST_NAMES = [
  'Adele',
  'Alex',
  'Bianca',
  'Chen',
  'Diego',
  'Emily',
  'Farah',
  'Grady',
  'Henrietta',
  'Isaiah',
  'Jun',
  'Kiri',
  'Lee',
  'Megan',
  'Nestor',
  'Olga',
  'Pradeep',
  'Quinn',
  'Rosa',
  'Sanjay',
  'Tomasz',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST_NAMES = [
  'Vance',
  'Wilber',
  'Nguyen',
  'Li',
  'Alvarez',
  'Braun',
  'Haddad',
  'Archie',
  'Schmidt',
  'Okafor',
  'Sato',
  'Walker',
  'Gomes',
  'Bowen',
  'Cortez',
  'Ivanova',
  'Sharma',
  'Murphy',
  'Diaz',
  'Patel',
  'Kowalski',
  'Rao',
  'Moreau',
  'Zhang',
  'Haddad',
  'Fischer',
];
const HARDWARE: ReadonlyArray<readonly [readonly [string, string], number]> = [
  [['Microsoft Corporation', 'Surface Laptop 5'], 30],
  [['Microsoft Corporation', 'Surface Pro 9'], 20],
  [['Microsoft Corporation', 'Surface Laptop Studio'], 8],
  [['Microsoft Corporation', 'Virtual Machine'], 7],
  [['Dell Inc.', 'Latitude 7440'], 20],
  [['HP', 'EliteBook 840 G10'], 15],
];
const RINGS: ReadonlyArray<readonly [UpdateRing, number]> = [
  ['Test', 5],
  ['First', 10],
  ['Fast', 25],
  ['Broad', 60],
];
const RING_DESCRIPTIONS: Record<UpdateRing, string> = {
  Test: 'Immediate ring for device rollout',
  First: 'First ring for device rollout',
  Fast: 'Fast ring for device rollout',
  Broad: 'Broad ring for device rollout',
};
const CONFIGURATIONS: ReadonlyArray<readonly [string, string, string]> = [
  ['Policy', 'Modern Workplace - Standard Device Profile Configuration', '2'],
  ['Policy', 'Modern Workplace - Windows Update for Business', '1'],
  ['Policy', 'Modern Workplace - BitLocker Encryption', '1'],
  ['Script', 'Modern Workplace - Set Timezone', ''],
  ['App', 'Microsoft 365 Apps for enterprise', '0'],
  ['App', 'Company Portal', '0'],
];
const TICKET_TEMPLATES: ReadonlyArray<readonly [string, string, string, string, string]> = [
  [
    'Incident',
    'Devices',
    'Hardware',
    'Surface dock drops external monitors',
    'Several users lose both external monitors when the dock reconnects after sleep.',
  ],
  [
    'Incident',
    'Devices',
    'Configuration/Policy',
    'BitLocker recovery prompts after update',
    'Devices in the Fast ring ask for the BitLocker recovery key after the monthly update.',
  ],
  [
    'Incident',
    'Apps',
    'Other',
    'Teams crashes on launch',
    'Teams closes right after the splash screen on a handful of devices.',
  ],
  [
    'RequestForInformation',
    'Devices',
    'Hardware',
    'Supported docking stations',
    'Which docking stations are supported for Surface Laptop 5?',
  ],
  [
    'RequestForInformation',
    'Apps',
    'Other',
    'Packaging a line-of-business app',
    'What is the process to add our internal expense app to managed devices?',
  ],
  [
    'ChangeRequest',
    'Devices',
    'Deployment groups assignment',
    'Move finance devices to the Broad ring',
    'Please move the finance team devices from Fast to Broad before quarter close.',
  ],
  [
    'ChangeRequest',
    'Devices',
    'Configuration/Policy',
    'Allow USB storage for the lab',
    'Allow USB mass storage on the lab devices listed in the attachment of our internal ticket.',
  ],
  [
    'Incident',
    'Devices',
    'Hardware',
    'Battery drains overnight',
    'Laptops lose 40% battery overnight while in sleep.',
  ],
];
const ELEVATION_TEMPLATES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Office', 'Excel', 'Repair Excel add-in registration', 'Re-register the finance add-in as administrator.'],
  [
    'Office',
    'Word',
    'Install Word template pack',
    'Copy the template pack into the machine-wide templates folder.',
  ],
  [
    'Hardware',
    'Device',
    'Update dock firmware',
    'Run the dock firmware updater, which needs administrator rights.',
  ],
  ['Other', 'Other', 'Collect kernel dump', 'Enable full memory dumps and collect one after the next crash.'],
];

function iso(date: Date): string {
  return date.toISOString();
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

function digits(random: SeededRandom, count: number): string {
  return random.characters(count, '0123456789');
}

function createConfigurations(random: SeededRandom, now: Date): MockConfiguration[] {
  return CONFIGURATIONS.map(([type, name, version]) => ({
    id: random.guid(),
    type,
    name,
    version,
    createdUtc: iso(daysBefore(now, 400)),
    lastModifiedUtc: iso(daysBefore(now, random.integer(10, 90))),
    deploymentStatus: '',
    lastReportedStatusUtc: '',
  }));
}

/** Builds a tenant's devices, users, tickets and elevation requests from the seed. */
export function createSeedData(options: SeedOptions): SeedData {
  const random = new SeededRandom(options.seed);
  const { now, tenantId, domain } = options;
  const ringGroups = Object.fromEntries(
    RINGS.map(([ring]) => [
      ring,
      {
        id: random.guid(),
        displayName: `Modern Workplace Devices-${ring}`,
        description: RING_DESCRIPTIONS[ring],
        countMembers: null,
      },
    ]),
  ) as Record<UpdateRing, MockGroup>;
  const userGroup: MockGroup = {
    id: random.guid(),
    displayName: 'Modern Workplace - All Users',
    description: 'Every user with a managed device',
    countMembers: null,
  };
  const configurations = createConfigurations(random, now);

  const users: MockUserRecord[] = [];
  const devices: MockDevice[] = [];
  for (let index = 0; index < options.deviceCount; index++) {
    const enrolled = random.next() > 0.08;
    const [manufacturer, model] = random.weighted(HARDWARE);
    const ring = random.weighted(RINGS);
    const persona = random.weighted(
      options.enabledProfiles.map((profile) => [profile, profile === 'Standard' ? 6 : 2] as const),
    );
    const shared = enrolled && users.length > 3 && random.next() < 0.15;
    let user: MockUserRecord | undefined;
    if (enrolled) {
      user = shared ? random.pick(users) : undefined;
      if (!user) {
        const first = FIRST_NAMES[users.length % FIRST_NAMES.length] as string;
        const last = LAST_NAMES[(users.length * 7 + 3) % LAST_NAMES.length] as string;
        const suffix =
          users.length >= FIRST_NAMES.length ? String(Math.floor(users.length / FIRST_NAMES.length) + 1) : '';
        const upn = `${first}.${last}${suffix}@${domain}`.toLowerCase();
        user = { name: `${first} ${last}`, upn, email: upn, groups: [userGroup] };
        users.push(user);
      }
    }
    const compliance = enrolled
      ? random.weighted([
          ['Compliant', 85],
          ['NonCompliant', 15],
        ] as const)
      : 'Unknown';
    const enrolledAt = daysBefore(now, random.integer(20, 900));
    const build = random.pick(['10.0.19045.5011', '10.0.22631.4317', '10.0.22631.4460', '10.0.26100.2314']);
    devices.push({
      name: enrolled ? `MMD-${digits(random, 11)}` : '',
      intuneId: enrolled ? random.guid() : null,
      manufacturer,
      model,
      serialNumber: digits(random, 12),
      globalDeviceId: enrolled ? `g:${digits(random, 16)}` : null,
      enrolledIntoIntuneDateTimeUtc: enrolled ? iso(enrolledAt) : null,
      tenantId,
      tenantName: null,
      assignedUser: user?.name ?? null,
      userUpn: user?.upn ?? null,
      userEmail: user?.email ?? null,
      complianceState: compliance,
      osVersion: enrolled ? build : null,
      primaryUpdateRing: ring,
      lastIntuneSyncDateTimeUtc: enrolled
        ? iso(new Date(now.getTime() - random.integer(5, 60 * 24 * 14) * 60_000))
        : null,
      ageInMonths: Math.round(((now.getTime() - enrolledAt.getTime()) / (30.44 * 86_400_000)) * 1e6) / 1e6,
      planType: 'Premium',
      persona,
      aadDeviceId: random.guid(),
      managementAgent: enrolled ? 'Intune' : null,
      operatingSystemEdition: enrolled ? 'Enterprise' : null,
      profileAssignmentStatus: 'Successful',
      groups: [ringGroups[ring]],
      configurations: configurations.map((configuration) => ({
        ...configuration,
        deploymentStatus: enrolled
          ? configuration.type === 'Script'
            ? random.weighted([
                ['Success', 9],
                ['NotApplicable', 1],
              ] as const)
            : compliance === 'Compliant'
              ? 'Compliant'
              : random.weighted([
                  ['Compliant', 3],
                  ['Error', 1],
                ] as const)
          : 'NotApplicable',
        lastReportedStatusUtc: enrolled ? iso(daysBefore(now, random.integer(0, 7))) : '0001-01-01T00:00:00Z',
      })),
    });
  }

  const tickets: MockTicket[] = [];
  for (let index = 0; index < options.ticketCount; index++) {
    const [type, category, subcategory, title, description] = TICKET_TEMPLATES[
      index % TICKET_TEMPLATES.length
    ] as (typeof TICKET_TEMPLATES)[number];
    const contact = users.length > 0 ? random.pick(users) : { name: 'IT Admin', upn: `admin@${domain}` };
    const [givenName = 'IT', surname = 'Admin'] = contact.name.split(' ');
    const created = daysBefore(now, random.integer(1, 150));
    const resolved = random.next() < 0.35;
    const incident = type === 'Incident';
    const notes: MockTicketNote[] = Array.from({ length: random.integer(0, 3) }, (_, noteIndex) => {
      const at = iso(new Date(created.getTime() + (noteIndex + 1) * 3_600_000 * random.integer(2, 30)));
      return {
        id: noteIndex,
        type: 'post',
        renderType: 'html',
        createdDateTime: at,
        modifiedDateTime: at,
        text: random.pick([
          'Attached logs from two affected devices.',
          'Issue persists after reboot.',
          'Users confirm the workaround helps.',
          'Please call before 5 pm.',
        ]),
        sender: contact.upn,
      };
    });
    tickets.push({
      title,
      description,
      isPartner: false,
      type,
      category,
      subcategory,
      compromiseIndicator: null,
      usersOrDevicesImpacted: incident ? random.integer(1, 200) : null,
      relatedAlerts: null,
      businessImpact: incident ? 'Users cannot work normally on affected devices.' : null,
      issueFirstNoticed: incident ? iso(daysBefore(created, random.integer(0, 3))) : null,
      issueReproduced: incident ? random.next() < 0.5 : null,
      endUserSupportEngaged: incident ? true : null,
      troubleshootingSteps: incident ? 'Rebooted, reinstalled drivers, checked Intune sync.' : null,
      nextActionOwner: resolved ? 'Customer' : 'Microsoft',
      nextActionTime: null,
      reproSteps: incident ? 'See description.' : null,
      id: `MMD-${digits(random, 7)}-${random.characters(5)}`,
      severity: incident ? random.pick([2, 3]) : 4,
      state: resolved ? 'resolved' : 'active',
      createdDateTime: iso(created),
      resolvedDateTime: resolved
        ? iso(new Date(created.getTime() + random.integer(1, 10) * 86_400_000))
        : null,
      contact: {
        id: random.guid(),
        givenName,
        surname,
        email: contact.upn,
        phoneNumber: `+1 425 555 ${digits(random, 4)}`,
        preferredLanguageId: '',
      },
      emails: [],
      attachments: [],
      notes,
    });
  }

  const elevationRequests: MockElevationRequest[] = [];
  const elevatedAccounts = new Map<string, MockElevatedAccount>();
  const enrolledDevices = devices.filter((device) => device.name !== '');
  for (let index = 0; index < Math.min(options.elevationRequestCount, enrolledDevices.length); index++) {
    const device = enrolledDevices[(index * 5) % enrolledDevices.length] as MockDevice;
    const [category, subcategory, title, planOfAction] = ELEVATION_TEMPLATES[
      index % ELEVATION_TEMPLATES.length
    ] as (typeof ELEVATION_TEMPLATES)[number];
    const created = daysBefore(now, index === 0 ? 0 : random.integer(2, 60));
    const open = index === 0;
    const request: MockElevationRequest = {
      id: random.guid(),
      tenantId,
      partnerId: tenantId,
      requestingAgentUpn: `helpdesk.agent@${domain}`,
      partnerTicketId: `INC${digits(random, 7)}`,
      deviceName: device.name,
      title,
      category,
      subcategory,
      planOfAction,
      actionsTaken: open ? '' : 'Done as planned; elevation no longer needed.',
      closingAgentUpn: open ? '' : `helpdesk.agent@${domain}`,
      requestCreationTime: iso(created),
      requestClosureTime: open ? null : iso(new Date(created.getTime() + 2 * 3_600_000)),
      requestRenewTime: null,
      isSuccessfulRequest: true,
      viewerUpns: open ? [] : [`helpdesk.agent@${domain}`],
      passwordLastUpdatedTime: iso(created),
      isDeleted: false,
      ttl: 7_776_000,
      eTag: null,
    };
    elevationRequests.push(request);
    if (open) {
      elevatedAccounts.set(device.name.toLowerCase(), {
        accountUpn: `mmdadmin-${random.characters(6, 'abcdefghijkmnpqrstuvwxyz23456789')}`,
        password: random.characters(20, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789!#%+=?'),
        passwordLastUpdated: iso(created),
        viewedBy: ['System'],
      });
    }
  }
  return { devices, users, tickets, elevationRequests, elevatedAccounts };
}
