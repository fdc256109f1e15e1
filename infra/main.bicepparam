// Example parameters for infra/main.bicep (no secrets: the relay password is read from the environment).
//
//   export MAILSTROM_RELAY_PASSWORD='...'   # e.g. read -rs MAILSTROM_RELAY_PASSWORD && export MAILSTROM_RELAY_PASSWORD
//   az deployment group create -g mailstrom-rg -f infra/main.bicep -p infra/main.bicepparam
//
// Values not listed here keep the defaults declared in main.bicep.
using 'main.bicep'

param namePrefix = 'mailstrom'
param planSku = 'EP1'
param alwaysReadyInstances = 1
param maximumInstances = 10

param taskHubName = 'mailstrom'
param contentContainer = 'mailstrom-content'
param heloName = 'mail.example.org'

// Relay mode (the default): an authenticated smarthost on port 587 with STARTTLS.
// Azure Communication Services: smtp.azurecomm.net, with an SMTP user name set up on the Communication Services
// resource and its Entra application's client secret as the password; SendGrid: smtp.sendgrid.net, user name
// 'apikey', an API key as the password.
param deliveryMode = 'Relay'
param relayHost = 'smtp.example.org'
param relayPort = 587
param relayTls = 'StartTls'
param relayUsername = 'mailstrom@example.org'
param relayPassword = readEnvironmentVariable('MAILSTROM_RELAY_PASSWORD', '')
