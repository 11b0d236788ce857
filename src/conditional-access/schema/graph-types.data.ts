// GENERATED from /work/shared/spec/graph-metadata/graph-types.json (msgraph-metadata f54f11b6, 2026-08-20):
// the Conditional Access types this service serves, per version. Do not edit by hand; regenerate instead.
// Types are Graph's own: `T!` = non-nullable, `Collection(T)` = array, `?` = unknown type (beta only, opaque).

export interface GraphTypeDef {
  base?: string;
  abstract?: boolean;
  props: Record<string, string>;
}
export interface GraphEnumDef {
  members: string[];
  flags?: boolean;
}
export interface GraphTypeSet {
  types: Record<string, GraphTypeDef>;
  enums: Record<string, GraphEnumDef>;
}

export const CA_GRAPH_TYPES: Record<'v1.0' | 'beta', GraphTypeSet> = {
  "beta": {
    "enums": {
      "authenticationMethodModes": {
        "flags": true,
        "members": [
          "password",
          "voice",
          "hardwareOath",
          "softwareOath",
          "sms",
          "fido2",
          "windowsHelloForBusiness",
          "microsoftAuthenticatorPush",
          "deviceBasedPush",
          "temporaryAccessPassOneTime",
          "temporaryAccessPassMultiUse",
          "email",
          "x509CertificateSingleFactor",
          "x509CertificateMultiFactor",
          "federatedSingleFactor",
          "federatedMultiFactor",
          "unknownFutureValue",
          "qrCodePin"
        ]
      },
      "authenticationStrengthPolicyType": {
        "members": [
          "builtIn",
          "custom",
          "unknownFutureValue"
        ]
      },
      "authenticationStrengthRequirements": {
        "flags": true,
        "members": [
          "none",
          "mfa",
          "unknownFutureValue"
        ]
      },
      "cloudAppSecuritySessionControlType": {
        "members": [
          "mcasConfigured",
          "monitorOnly",
          "blockDownloads",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessAgentIdRiskLevels": {
        "flags": true,
        "members": [
          "low",
          "medium",
          "high",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessClientApp": {
        "members": [
          "all",
          "browser",
          "mobileAppsAndDesktopClients",
          "exchangeActiveSync",
          "easSupported",
          "other",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessDevicePlatform": {
        "members": [
          "android",
          "iOS",
          "windows",
          "windowsPhone",
          "macOS",
          "all",
          "unknownFutureValue",
          "linux"
        ]
      },
      "conditionalAccessExternalTenantsMembershipKind": {
        "members": [
          "all",
          "enumerated",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessGrantControl": {
        "members": [
          "block",
          "mfa",
          "compliantDevice",
          "domainJoinedDevice",
          "approvedApplication",
          "compliantApplication",
          "passwordChange",
          "unknownFutureValue",
          "riskRemediation"
        ]
      },
      "conditionalAccessGuestOrExternalUserTypes": {
        "flags": true,
        "members": [
          "none",
          "internalGuest",
          "b2bCollaborationGuest",
          "b2bCollaborationMember",
          "b2bDirectConnectUser",
          "otherExternalUser",
          "serviceProvider",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessInsiderRiskLevels": {
        "members": [
          "minor",
          "moderate",
          "elevated",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessPolicyState": {
        "members": [
          "enabled",
          "disabled",
          "enabledForReportingButNotEnforced"
        ]
      },
      "conditionalAccessTransferMethods": {
        "flags": true,
        "members": [
          "none",
          "deviceCodeFlow",
          "authenticationTransfer",
          "unknownFutureValue"
        ]
      },
      "continuousAccessEvaluationMode": {
        "members": [
          "strictEnforcement",
          "disabled",
          "unknownFutureValue",
          "strictLocation"
        ]
      },
      "countryLookupMethodType": {
        "members": [
          "clientIpAddress",
          "authenticatorAppGps",
          "unknownFutureValue"
        ]
      },
      "filterMode": {
        "members": [
          "include",
          "exclude"
        ]
      },
      "persistentBrowserSessionMode": {
        "members": [
          "always",
          "never"
        ]
      },
      "riskLevel": {
        "members": [
          "low",
          "medium",
          "high",
          "hidden",
          "none",
          "unknownFutureValue"
        ]
      },
      "signInFrequencyAuthenticationType": {
        "members": [
          "primaryAndSecondaryAuthentication",
          "secondaryAuthentication",
          "unknownFutureValue"
        ]
      },
      "signInFrequencyInterval": {
        "members": [
          "timeBased",
          "everyTime",
          "unknownFutureValue"
        ]
      },
      "signinFrequencyType": {
        "members": [
          "days",
          "hours"
        ]
      },
      "templateScenarios": {
        "flags": true,
        "members": [
          "new",
          "secureFoundation",
          "zeroTrust",
          "remoteWork",
          "protectAdmins",
          "emergingThreats",
          "unknownFutureValue"
        ]
      }
    },
    "types": {
      "applicationEnforcedRestrictionsSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {}
      },
      "authenticationCombinationConfiguration": {
        "abstract": true,
        "base": "entity",
        "props": {
          "appliesToCombinations": "Collection(authenticationMethodModes)!"
        }
      },
      "authenticationStrengthPolicy": {
        "base": "entity",
        "props": {
          "allowedCombinations": "Collection(authenticationMethodModes)!",
          "createdDateTime": "Edm.DateTimeOffset!",
          "description": "Edm.String",
          "displayName": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset!",
          "policyType": "authenticationStrengthPolicyType!",
          "requirementsSatisfied": "authenticationStrengthRequirements!"
        }
      },
      "cloudAppSecuritySessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "cloudAppSecurityType": "cloudAppSecuritySessionControlType"
        }
      },
      "conditionalAccessAllExternalTenants": {
        "base": "conditionalAccessExternalTenants",
        "props": {}
      },
      "conditionalAccessApplications": {
        "props": {
          "applicationFilter": "conditionalAccessFilter",
          "excludeApplications": "Collection(Edm.String)!",
          "globalSecureAccess": "?",
          "includeApplications": "Collection(Edm.String)!",
          "includeAuthenticationContextClassReferences": "Collection(Edm.String)!",
          "includeUserActions": "Collection(Edm.String)!",
          "networkAccess": "?"
        }
      },
      "conditionalAccessAuthenticationFlows": {
        "props": {
          "transferMethods": "conditionalAccessTransferMethods!"
        }
      },
      "conditionalAccessClientApplications": {
        "props": {
          "agentIdServicePrincipalFilter": "conditionalAccessFilter",
          "excludeAgentIdServicePrincipals": "Collection(Edm.String)!",
          "excludeServicePrincipals": "Collection(Edm.String)!",
          "includeAgentIdServicePrincipals": "Collection(Edm.String)!",
          "includeServicePrincipals": "Collection(Edm.String)!",
          "servicePrincipalFilter": "conditionalAccessFilter"
        }
      },
      "conditionalAccessConditionSet": {
        "props": {
          "agentIdRiskLevels": "conditionalAccessAgentIdRiskLevels",
          "applications": "conditionalAccessApplications",
          "authenticationFlows": "conditionalAccessAuthenticationFlows",
          "clientAppTypes": "Collection(conditionalAccessClientApp)!",
          "clientApplications": "conditionalAccessClientApplications",
          "deviceStates": "conditionalAccessDeviceStates",
          "devices": "conditionalAccessDevices",
          "insiderRiskLevels": "conditionalAccessInsiderRiskLevels",
          "locations": "conditionalAccessLocations",
          "platforms": "conditionalAccessPlatforms",
          "servicePrincipalRiskLevels": "Collection(riskLevel)!",
          "signInRiskLevels": "Collection(riskLevel)!",
          "userRiskLevels": "Collection(riskLevel)!",
          "users": "conditionalAccessUsers"
        }
      },
      "conditionalAccessDeviceStates": {
        "props": {
          "excludeStates": "Collection(Edm.String)!",
          "includeStates": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessDevices": {
        "props": {
          "deviceFilter": "conditionalAccessFilter",
          "excludeDeviceStates": "Collection(Edm.String)!",
          "excludeDevices": "Collection(Edm.String)!",
          "includeDeviceStates": "Collection(Edm.String)!",
          "includeDevices": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessEnumeratedExternalTenants": {
        "base": "conditionalAccessExternalTenants",
        "props": {
          "members": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessExternalTenants": {
        "abstract": true,
        "props": {
          "membershipKind": "conditionalAccessExternalTenantsMembershipKind"
        }
      },
      "conditionalAccessFilter": {
        "props": {
          "mode": "filterMode!",
          "rule": "Edm.String!"
        }
      },
      "conditionalAccessGrantControls": {
        "props": {
          "builtInControls": "Collection(conditionalAccessGrantControl)!",
          "customAuthenticationFactors": "Collection(Edm.String)!",
          "operator": "Edm.String",
          "termsOfUse": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessGuestsOrExternalUsers": {
        "props": {
          "externalTenants": "conditionalAccessExternalTenants",
          "guestOrExternalUserTypes": "conditionalAccessGuestOrExternalUserTypes!"
        }
      },
      "conditionalAccessLocations": {
        "props": {
          "excludeLocations": "Collection(Edm.String)!",
          "includeLocations": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessPlatforms": {
        "props": {
          "excludePlatforms": "Collection(conditionalAccessDevicePlatform)!",
          "includePlatforms": "Collection(conditionalAccessDevicePlatform)!"
        }
      },
      "conditionalAccessPolicy": {
        "base": "policyDeletableItem",
        "props": {
          "conditions": "conditionalAccessConditionSet!",
          "createdDateTime": "Edm.DateTimeOffset",
          "description": "Edm.String",
          "displayName": "Edm.String!",
          "grantControls": "conditionalAccessGrantControls",
          "id": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset",
          "sessionControls": "conditionalAccessSessionControls",
          "state": "conditionalAccessPolicyState!",
          "templateId": "Edm.String"
        }
      },
      "conditionalAccessPolicyDetail": {
        "props": {
          "conditions": "conditionalAccessConditionSet!",
          "grantControls": "conditionalAccessGrantControls",
          "sessionControls": "conditionalAccessSessionControls"
        }
      },
      "conditionalAccessRoot": {
        "base": "entity",
        "props": {}
      },
      "conditionalAccessSessionControl": {
        "abstract": true,
        "props": {
          "isEnabled": "Edm.Boolean"
        }
      },
      "conditionalAccessSessionControls": {
        "props": {
          "applicationEnforcedRestrictions": "applicationEnforcedRestrictionsSessionControl",
          "cloudAppSecurity": "cloudAppSecuritySessionControl",
          "continuousAccessEvaluation": "continuousAccessEvaluationSessionControl",
          "disableResilienceDefaults": "Edm.Boolean",
          "globalSecureAccessFilteringProfile": "?",
          "persistentBrowser": "persistentBrowserSessionControl",
          "secureSignInSession": "secureSignInSessionControl",
          "signInFrequency": "signInFrequencySessionControl"
        }
      },
      "conditionalAccessTemplate": {
        "base": "entity",
        "props": {
          "description": "Edm.String!",
          "details": "conditionalAccessPolicyDetail!",
          "name": "Edm.String!",
          "scenarios": "templateScenarios!"
        }
      },
      "conditionalAccessUsers": {
        "props": {
          "excludeGroups": "Collection(Edm.String)!",
          "excludeGuestsOrExternalUsers": "conditionalAccessGuestsOrExternalUsers",
          "excludeRoles": "Collection(Edm.String)!",
          "excludeUsers": "Collection(Edm.String)!",
          "includeGroups": "Collection(Edm.String)!",
          "includeGuestsOrExternalUsers": "conditionalAccessGuestsOrExternalUsers",
          "includeRoles": "Collection(Edm.String)!",
          "includeUsers": "Collection(Edm.String)!"
        }
      },
      "continuousAccessEvaluationSessionControl": {
        "props": {
          "mode": "continuousAccessEvaluationMode"
        }
      },
      "countryNamedLocation": {
        "base": "namedLocation",
        "props": {
          "countriesAndRegions": "Collection(Edm.String)!",
          "countryLookupMethod": "countryLookupMethodType",
          "includeUnknownCountriesAndRegions": "Edm.Boolean!"
        }
      },
      "entity": {
        "abstract": true,
        "props": {
          "id": "Edm.String!"
        }
      },
      "fido2CombinationConfiguration": {
        "base": "authenticationCombinationConfiguration",
        "props": {
          "allowedAAGUIDs": "Collection(Edm.String)!"
        }
      },
      "iPv4CidrRange": {
        "base": "ipRange",
        "props": {
          "cidrAddress": "Edm.String!"
        }
      },
      "iPv4Range": {
        "base": "ipRange",
        "props": {
          "lowerAddress": "Edm.String!",
          "upperAddress": "Edm.String!"
        }
      },
      "iPv6CidrRange": {
        "base": "ipRange",
        "props": {
          "cidrAddress": "Edm.String!"
        }
      },
      "iPv6Range": {
        "base": "ipRange",
        "props": {
          "lowerAddress": "Edm.String!",
          "upperAddress": "Edm.String!"
        }
      },
      "ipNamedLocation": {
        "base": "namedLocation",
        "props": {
          "ipRanges": "Collection(ipRange)!",
          "isTrusted": "Edm.Boolean!"
        }
      },
      "ipRange": {
        "abstract": true,
        "props": {}
      },
      "namedLocation": {
        "base": "policyDeletableItem",
        "props": {
          "createdDateTime": "Edm.DateTimeOffset",
          "displayName": "Edm.String!",
          "id": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset"
        }
      },
      "persistentBrowserSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "mode": "persistentBrowserSessionMode"
        }
      },
      "policyDeletableItem": {
        "abstract": true,
        "props": {
          "deletedDateTime": "Edm.DateTimeOffset"
        }
      },
      "secureSignInSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {}
      },
      "signInFrequencySessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "authenticationType": "signInFrequencyAuthenticationType",
          "frequencyInterval": "signInFrequencyInterval",
          "type": "signinFrequencyType",
          "value": "Edm.Int32"
        }
      },
      "x509CertificateCombinationConfiguration": {
        "base": "authenticationCombinationConfiguration",
        "props": {
          "allowedIssuerSkis": "Collection(Edm.String)!",
          "allowedPolicyOIDs": "Collection(Edm.String)!"
        }
      }
    }
  },
  "v1.0": {
    "enums": {
      "authenticationMethodModes": {
        "flags": true,
        "members": [
          "password",
          "voice",
          "hardwareOath",
          "softwareOath",
          "sms",
          "fido2",
          "windowsHelloForBusiness",
          "microsoftAuthenticatorPush",
          "deviceBasedPush",
          "temporaryAccessPassOneTime",
          "temporaryAccessPassMultiUse",
          "email",
          "x509CertificateSingleFactor",
          "x509CertificateMultiFactor",
          "federatedSingleFactor",
          "federatedMultiFactor",
          "unknownFutureValue",
          "qrCodePin"
        ]
      },
      "authenticationStrengthPolicyType": {
        "members": [
          "builtIn",
          "custom",
          "unknownFutureValue"
        ]
      },
      "authenticationStrengthRequirements": {
        "flags": true,
        "members": [
          "none",
          "mfa",
          "unknownFutureValue"
        ]
      },
      "cloudAppSecuritySessionControlType": {
        "members": [
          "mcasConfigured",
          "monitorOnly",
          "blockDownloads",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessClientApp": {
        "members": [
          "all",
          "browser",
          "mobileAppsAndDesktopClients",
          "exchangeActiveSync",
          "easSupported",
          "other",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessDevicePlatform": {
        "members": [
          "android",
          "iOS",
          "windows",
          "windowsPhone",
          "macOS",
          "all",
          "unknownFutureValue",
          "linux"
        ]
      },
      "conditionalAccessExternalTenantsMembershipKind": {
        "members": [
          "all",
          "enumerated",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessGrantControl": {
        "members": [
          "block",
          "mfa",
          "compliantDevice",
          "domainJoinedDevice",
          "approvedApplication",
          "compliantApplication",
          "passwordChange",
          "unknownFutureValue",
          "riskRemediation"
        ]
      },
      "conditionalAccessGuestOrExternalUserTypes": {
        "flags": true,
        "members": [
          "none",
          "internalGuest",
          "b2bCollaborationGuest",
          "b2bCollaborationMember",
          "b2bDirectConnectUser",
          "otherExternalUser",
          "serviceProvider",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessInsiderRiskLevels": {
        "flags": true,
        "members": [
          "minor",
          "moderate",
          "elevated",
          "unknownFutureValue"
        ]
      },
      "conditionalAccessPolicyState": {
        "members": [
          "enabled",
          "disabled",
          "enabledForReportingButNotEnforced"
        ]
      },
      "conditionalAccessTransferMethods": {
        "flags": true,
        "members": [
          "none",
          "deviceCodeFlow",
          "authenticationTransfer",
          "unknownFutureValue"
        ]
      },
      "countryLookupMethodType": {
        "members": [
          "clientIpAddress",
          "authenticatorAppGps",
          "unknownFutureValue"
        ]
      },
      "filterMode": {
        "members": [
          "include",
          "exclude"
        ]
      },
      "persistentBrowserSessionMode": {
        "members": [
          "always",
          "never"
        ]
      },
      "riskLevel": {
        "members": [
          "low",
          "medium",
          "high",
          "hidden",
          "none",
          "unknownFutureValue"
        ]
      },
      "signInFrequencyAuthenticationType": {
        "members": [
          "primaryAndSecondaryAuthentication",
          "secondaryAuthentication",
          "unknownFutureValue"
        ]
      },
      "signInFrequencyInterval": {
        "members": [
          "timeBased",
          "everyTime",
          "unknownFutureValue"
        ]
      },
      "signinFrequencyType": {
        "members": [
          "days",
          "hours"
        ]
      },
      "templateScenarios": {
        "flags": true,
        "members": [
          "new",
          "secureFoundation",
          "zeroTrust",
          "remoteWork",
          "protectAdmins",
          "emergingThreats",
          "unknownFutureValue"
        ]
      }
    },
    "types": {
      "applicationEnforcedRestrictionsSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {}
      },
      "authenticationCombinationConfiguration": {
        "abstract": true,
        "base": "entity",
        "props": {
          "appliesToCombinations": "Collection(authenticationMethodModes)!"
        }
      },
      "authenticationStrengthPolicy": {
        "base": "entity",
        "props": {
          "allowedCombinations": "Collection(authenticationMethodModes)!",
          "createdDateTime": "Edm.DateTimeOffset!",
          "description": "Edm.String",
          "displayName": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset!",
          "policyType": "authenticationStrengthPolicyType!",
          "requirementsSatisfied": "authenticationStrengthRequirements!"
        }
      },
      "cloudAppSecuritySessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "cloudAppSecurityType": "cloudAppSecuritySessionControlType"
        }
      },
      "conditionalAccessAllExternalTenants": {
        "base": "conditionalAccessExternalTenants",
        "props": {}
      },
      "conditionalAccessApplications": {
        "props": {
          "applicationFilter": "conditionalAccessFilter",
          "excludeApplications": "Collection(Edm.String)!",
          "includeApplications": "Collection(Edm.String)!",
          "includeAuthenticationContextClassReferences": "Collection(Edm.String)!",
          "includeUserActions": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessAuthenticationFlows": {
        "props": {
          "transferMethods": "conditionalAccessTransferMethods!"
        }
      },
      "conditionalAccessClientApplications": {
        "props": {
          "excludeServicePrincipals": "Collection(Edm.String)!",
          "includeServicePrincipals": "Collection(Edm.String)!",
          "servicePrincipalFilter": "conditionalAccessFilter"
        }
      },
      "conditionalAccessConditionSet": {
        "props": {
          "applications": "conditionalAccessApplications",
          "authenticationFlows": "conditionalAccessAuthenticationFlows",
          "clientAppTypes": "Collection(conditionalAccessClientApp)!",
          "clientApplications": "conditionalAccessClientApplications",
          "devices": "conditionalAccessDevices",
          "insiderRiskLevels": "conditionalAccessInsiderRiskLevels",
          "locations": "conditionalAccessLocations",
          "platforms": "conditionalAccessPlatforms",
          "servicePrincipalRiskLevels": "Collection(riskLevel)!",
          "signInRiskLevels": "Collection(riskLevel)!",
          "userRiskLevels": "Collection(riskLevel)!",
          "users": "conditionalAccessUsers"
        }
      },
      "conditionalAccessDevices": {
        "props": {
          "deviceFilter": "conditionalAccessFilter"
        }
      },
      "conditionalAccessEnumeratedExternalTenants": {
        "base": "conditionalAccessExternalTenants",
        "props": {
          "members": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessExternalTenants": {
        "abstract": true,
        "props": {
          "membershipKind": "conditionalAccessExternalTenantsMembershipKind"
        }
      },
      "conditionalAccessFilter": {
        "props": {
          "mode": "filterMode!",
          "rule": "Edm.String!"
        }
      },
      "conditionalAccessGrantControls": {
        "props": {
          "builtInControls": "Collection(conditionalAccessGrantControl)!",
          "customAuthenticationFactors": "Collection(Edm.String)!",
          "operator": "Edm.String",
          "termsOfUse": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessGuestsOrExternalUsers": {
        "props": {
          "externalTenants": "conditionalAccessExternalTenants",
          "guestOrExternalUserTypes": "conditionalAccessGuestOrExternalUserTypes!"
        }
      },
      "conditionalAccessLocations": {
        "props": {
          "excludeLocations": "Collection(Edm.String)!",
          "includeLocations": "Collection(Edm.String)!"
        }
      },
      "conditionalAccessPlatforms": {
        "props": {
          "excludePlatforms": "Collection(conditionalAccessDevicePlatform)!",
          "includePlatforms": "Collection(conditionalAccessDevicePlatform)!"
        }
      },
      "conditionalAccessPolicy": {
        "base": "policyDeletableItem",
        "props": {
          "conditions": "conditionalAccessConditionSet!",
          "createdDateTime": "Edm.DateTimeOffset",
          "description": "Edm.String",
          "displayName": "Edm.String!",
          "grantControls": "conditionalAccessGrantControls",
          "id": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset",
          "sessionControls": "conditionalAccessSessionControls",
          "state": "conditionalAccessPolicyState!",
          "templateId": "Edm.String"
        }
      },
      "conditionalAccessPolicyDetail": {
        "props": {
          "conditions": "conditionalAccessConditionSet!",
          "grantControls": "conditionalAccessGrantControls",
          "sessionControls": "conditionalAccessSessionControls"
        }
      },
      "conditionalAccessRoot": {
        "base": "entity",
        "props": {}
      },
      "conditionalAccessSessionControl": {
        "abstract": true,
        "props": {
          "isEnabled": "Edm.Boolean"
        }
      },
      "conditionalAccessSessionControls": {
        "props": {
          "applicationEnforcedRestrictions": "applicationEnforcedRestrictionsSessionControl",
          "cloudAppSecurity": "cloudAppSecuritySessionControl",
          "disableResilienceDefaults": "Edm.Boolean",
          "persistentBrowser": "persistentBrowserSessionControl",
          "secureSignInSession": "secureSignInSessionControl",
          "signInFrequency": "signInFrequencySessionControl"
        }
      },
      "conditionalAccessTemplate": {
        "base": "entity",
        "props": {
          "description": "Edm.String!",
          "details": "conditionalAccessPolicyDetail!",
          "name": "Edm.String!",
          "scenarios": "templateScenarios!"
        }
      },
      "conditionalAccessUsers": {
        "props": {
          "excludeGroups": "Collection(Edm.String)!",
          "excludeGuestsOrExternalUsers": "conditionalAccessGuestsOrExternalUsers",
          "excludeRoles": "Collection(Edm.String)!",
          "excludeUsers": "Collection(Edm.String)!",
          "includeGroups": "Collection(Edm.String)!",
          "includeGuestsOrExternalUsers": "conditionalAccessGuestsOrExternalUsers",
          "includeRoles": "Collection(Edm.String)!",
          "includeUsers": "Collection(Edm.String)!"
        }
      },
      "countryNamedLocation": {
        "base": "namedLocation",
        "props": {
          "countriesAndRegions": "Collection(Edm.String)!",
          "countryLookupMethod": "countryLookupMethodType",
          "includeUnknownCountriesAndRegions": "Edm.Boolean!"
        }
      },
      "entity": {
        "abstract": true,
        "props": {
          "id": "Edm.String!"
        }
      },
      "fido2CombinationConfiguration": {
        "base": "authenticationCombinationConfiguration",
        "props": {
          "allowedAAGUIDs": "Collection(Edm.String)!"
        }
      },
      "iPv4CidrRange": {
        "base": "ipRange",
        "props": {
          "cidrAddress": "Edm.String!"
        }
      },
      "iPv4Range": {
        "base": "ipRange",
        "props": {
          "lowerAddress": "Edm.String!",
          "upperAddress": "Edm.String!"
        }
      },
      "iPv6CidrRange": {
        "base": "ipRange",
        "props": {
          "cidrAddress": "Edm.String!"
        }
      },
      "iPv6Range": {
        "base": "ipRange",
        "props": {
          "lowerAddress": "Edm.String!",
          "upperAddress": "Edm.String!"
        }
      },
      "ipNamedLocation": {
        "base": "namedLocation",
        "props": {
          "ipRanges": "Collection(ipRange)!",
          "isTrusted": "Edm.Boolean!"
        }
      },
      "ipRange": {
        "abstract": true,
        "props": {}
      },
      "namedLocation": {
        "base": "policyDeletableItem",
        "props": {
          "createdDateTime": "Edm.DateTimeOffset",
          "displayName": "Edm.String!",
          "id": "Edm.String!",
          "modifiedDateTime": "Edm.DateTimeOffset"
        }
      },
      "persistentBrowserSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "mode": "persistentBrowserSessionMode"
        }
      },
      "policyDeletableItem": {
        "abstract": true,
        "props": {
          "deletedDateTime": "Edm.DateTimeOffset"
        }
      },
      "secureSignInSessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {}
      },
      "signInFrequencySessionControl": {
        "base": "conditionalAccessSessionControl",
        "props": {
          "authenticationType": "signInFrequencyAuthenticationType",
          "frequencyInterval": "signInFrequencyInterval",
          "type": "signinFrequencyType",
          "value": "Edm.Int32"
        }
      },
      "x509CertificateCombinationConfiguration": {
        "base": "authenticationCombinationConfiguration",
        "props": {
          "allowedIssuerSkis": "Collection(Edm.String)!",
          "allowedPolicyOIDs": "Collection(Edm.String)!"
        }
      }
    }
  }
};
