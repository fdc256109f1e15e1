// Mailstrom on Azure Functions: a Linux function app running Mailstrom.Functions (.NET 10 isolated worker, Durable
// Functions) on an Elastic Premium or dedicated plan, with its Azure Storage account (host state and keys, the Durable
// task hub's queues, tables and blobs, and the container of accepted messages) and Application Insights backed by a
// Log Analytics workspace.
//
// Build:  bicep build infra/main.bicep
// Deploy: see infra/README.md (az deployment group create -g RG -f infra/main.bicep -p ...), or eng/deploy.sh.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------------------------------

@description('Location of every resource. Defaults to the resource group\'s location.')
param location string = resourceGroup().location

@description('Prefix of the Azure resource names: lower-case letters, digits and hyphens (the storage account drops the hyphens). A hash of the resource group and the prefix is appended to make names globally unique.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'mailstrom'

@description('Name of the function app (also its host name, <name>.azurewebsites.net). Defaults to <namePrefix>-<hash>.')
@minLength(2)
@maxLength(60)
param appName string = '${namePrefix}-${uniqueString(resourceGroup().id, namePrefix)}'

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------------------------

@description('Plan size. EP1-EP3: Elastic Premium, which scales out with the task hub\'s load and keeps always-ready instances. P0v3-P3v3: a dedicated Premium v3 App Service plan, a fixed number of instances, always on. Both run .NET 10 on Linux and support VNet integration; Linux Consumption does not run .NET 10.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param planSku string = 'EP1'

@description('Instances kept running at all times: Elastic Premium always-ready instances, or the dedicated plan\'s instance count.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('Most instances an Elastic Premium plan may scale out to (not used by a dedicated plan).')
@minValue(1)
@maxValue(100)
param maximumInstances int = 10

@description('Optional resource id of a subnet (delegated to Microsoft.Web/serverFarms) for regional VNet integration, with all outbound traffic routed through it. Required for Direct delivery on port 25, and only useful there on subscriptions Azure allows outbound port 25 from.')
param subnetId string = ''

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// ---------------------------------------------------------------------------------------------------------------------
// Mailstrom settings
// ---------------------------------------------------------------------------------------------------------------------

@description('The Durable task hub (MailstromTaskHub, read by host.json): its queues, tables and blob containers in the storage account are named after it. 3 to 45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'mailstrom'

@description('Mailstrom:Durable:ContentContainer: the blob container that holds each accepted message, named by email id.')
@minLength(3)
@maxLength(63)
param contentContainer string = 'mailstrom-content'

@description('Mailstrom:HeloName: the name used in EHLO and in generated Message-IDs. Defaults to the app\'s azurewebsites.net host name; set your sending domain\'s host name.')
param heloName string = ''

@description('Mailstrom:Delivery:Mode. Relay (default) sends everything through an authenticated smarthost on port 587, which works on every subscription. Direct resolves MX hosts and connects on port 25, which Azure blocks outbound on most subscriptions (see infra/README.md).')
@allowed([
  'Relay'
  'Direct'
])
param deliveryMode string = 'Relay'

@description('Mailstrom:Delivery:Relay:Host: the smarthost (required in Relay mode), e.g. smtp.azurecomm.net or smtp.sendgrid.net.')
param relayHost string = ''

@description('Mailstrom:Delivery:Relay:Port.')
@minValue(1)
@maxValue(65535)
param relayPort int = 587

@description('Mailstrom:Delivery:Relay:Tls: StartTls (required upgrade, port 587), Implicit (port 465) or None.')
@allowed([
  'StartTls'
  'Implicit'
  'None'
])
param relayTls string = 'StartTls'

@description('Mailstrom:Delivery:Relay:Username (AUTH user name); empty for a relay that needs no authentication.')
param relayUsername string = ''

@description('Mailstrom:Delivery:Relay:Password. Secure: never logged nor returned by the deployment. Pass an empty string when there is no password, or when relayPasswordSecretUri is used.')
@secure()
param relayPassword string

@description('Optional Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>[/<version>]) holding the relay password. When set, the password setting becomes a Key Vault reference resolved with the app\'s system-assigned identity (grant it "Key Vault Secrets User"), and relayPassword is not used.')
param relayPasswordSecretUri string = ''

// ---------------------------------------------------------------------------------------------------------------------
// Names and derived values
// ---------------------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = toLower('${replace(namePrefix, '-', '')}${suffix}')
var planName = '${namePrefix}-plan-${suffix}'
var workspaceName = '${namePrefix}-logs-${suffix}'
var appInsightsName = '${namePrefix}-ai-${suffix}'
var contentShareName = toLower('${take(replace(appName, '-', ''), 50)}content')
var isElasticPremium = startsWith(planSku, 'EP')
var effectiveHeloName = empty(heloName) ? '${appName}.azurewebsites.net' : heloName
var relayPasswordSetting = empty(relayPasswordSecretUri)
  ? relayPassword
  : '@Microsoft.KeyVault(SecretUri=${relayPasswordSecretUri})'

// ---------------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // The Functions host, the Durable task hub, the Elastic Premium content share (Azure Files) and the message
    // content store use the account key.
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobServices 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The app creates it when missing; declared here so that it exists, private, from the start.
resource contentBlobContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobServices
  name: contentContainer
  properties: {
    publicAccess: 'None'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isElasticPremium ? 'elastic' : 'linux'
  sku: {
    name: planSku
    tier: isElasticPremium ? 'ElasticPremium' : 'PremiumV3'
    capacity: isElasticPremium ? null : alwaysReadyInstances
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isElasticPremium ? maximumInstances : null
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    vnetRouteAllEnabled: !empty(subnetId)
    siteConfig: {
      // The .NET 10 isolated worker: the platform's image brings the runtime (the app is published framework-dependent).
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      use32BitWorkerProcess: false
      // A dedicated plan must keep the host running, or nothing listens to the task hub's queues while the app is
      // idle; Elastic Premium keeps always-ready instances instead.
      alwaysOn: !isElasticPremium
      minimumElasticInstanceCount: isElasticPremium ? alwaysReadyInstances : null
      functionAppScaleLimit: isElasticPremium ? maximumInstances : null
      appSettings: concat(
        [
          // Functions host
          {
            name: 'FUNCTIONS_EXTENSION_VERSION'
            value: '~4'
          }
          {
            name: 'FUNCTIONS_WORKER_RUNTIME'
            value: 'dotnet-isolated'
          }
          {
            // The host's storage, the Durable task hub's (host.json: storageProvider.connectionName) and, by fallback,
            // that of Mailstrom's message content.
            name: 'AzureWebJobsStorage'
            value: storageConnectionString
          }
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: appInsights.properties.ConnectionString
          }
          {
            // The zip is mounted read-only as the app's content: deployments are atomic, nothing is built on the server.
            name: 'WEBSITE_RUN_FROM_PACKAGE'
            value: '1'
          }
          {
            name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
            value: 'false'
          }
          {
            // Durable Functions: host.json reads the task hub's name from this setting (%MailstromTaskHub%).
            name: 'MailstromTaskHub'
            value: taskHubName
          }
          // Mailstrom (no Mailstrom__Durable__ConnectionString: the content store falls back to AzureWebJobsStorage).
          {
            name: 'Mailstrom__HeloName'
            value: effectiveHeloName
          }
          {
            name: 'Mailstrom__Durable__ContentContainer'
            value: contentContainer
          }
          {
            name: 'Mailstrom__Delivery__Mode'
            value: deliveryMode
          }
          {
            name: 'Mailstrom__Delivery__SmtpPort'
            value: '25'
          }
          {
            name: 'Mailstrom__Delivery__Relay__Host'
            value: relayHost
          }
          {
            name: 'Mailstrom__Delivery__Relay__Port'
            value: string(relayPort)
          }
          {
            name: 'Mailstrom__Delivery__Relay__Tls'
            value: relayTls
          }
          {
            name: 'Mailstrom__Delivery__Relay__Username'
            value: relayUsername
          }
          {
            name: 'Mailstrom__Delivery__Relay__Password'
            value: relayPasswordSetting
          }
        ],
        // Elastic Premium keeps the app's files on an Azure Files share of the same account; a dedicated plan does not.
        isElasticPremium
          ? [
              {
                name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
                value: storageConnectionString
              }
              {
                name: 'WEBSITE_CONTENTSHARE'
                value: contentShareName
              }
            ]
          : []
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Outputs (no secrets)
// ---------------------------------------------------------------------------------------------------------------------

@description('Name of the function app (for az functionapp commands).')
output functionAppName string = site.name

@description('Base URL of the HTTP API.')
output apiBaseUrl string = 'https://${site.properties.defaultHostName}/api'

@description('Name of the storage account.')
output storageAccountName string = storage.name

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

@description('Principal id of the app\'s system-assigned identity (grant it access to a Key Vault holding the relay password).')
output principalId string = site.identity.principalId
