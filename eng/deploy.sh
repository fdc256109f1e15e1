#!/usr/bin/env bash
# Deploys Mailstrom to Azure Functions in one command: resource group, infrastructure (infra/main.bicep), a publish of
# src/Mailstrom.Functions (the .NET 10 isolated worker with its Durable functions), and a zip deployment of it.
#
# The app is published framework-dependent: the site's DOTNET-ISOLATED|10.0 image brings the .NET runtime and the
# platform patches it, the package stays small, and it is the layout tests/Mailstrom.Deployment.Tests verifies.
#
#   export MAILSTROM_RELAY_PASSWORD='...'        # the relay password; read from the environment, never echoed
#   eng/deploy.sh --resource-group mailstrom-rg --location westeurope --name-prefix mailstrom \
#       --relay-host smtp.example.org --relay-username mailstrom@example.org
#
# Needs: Azure CLI (logged in: az login), .NET SDK, zip. Run from anywhere; paths are relative to the repository.
# See infra/README.md for what gets created and for the manual equivalent of each step.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: eng/deploy.sh --resource-group RG --location LOCATION --name-prefix PREFIX [options]

Required:
  --resource-group RG          Resource group (created when missing).
  --location LOCATION          Azure region, e.g. westeurope.
  --name-prefix PREFIX         Prefix of the Azure resource names (3-11 lower-case letters, digits, hyphens).

Delivery (relay is the default; Azure blocks outbound port 25 on most subscriptions):
  --relay-host HOST            Smarthost, required in relay mode (e.g. smtp.azurecomm.net, smtp.sendgrid.net).
  --relay-port PORT            Smarthost port (default 587).
  --relay-tls MODE             StartTls (default), Implicit or None.
  --relay-username USER        AUTH user name. The password comes from $MAILSTROM_RELAY_PASSWORD.
  --relay-password-secret-uri URI
                               Key Vault secret URI for the password instead of $MAILSTROM_RELAY_PASSWORD.
  --delivery-mode MODE         Relay (default) or Direct (MX lookup, port 25; see infra/README.md).
  --subnet-id ID               Subnet for VNet integration (needed for Direct mode).

Other:
  --helo-name NAME             Name used in EHLO and Message-IDs (default: the app's azurewebsites.net name).
  --task-hub NAME              Durable task hub (default mailstrom): 3-45 letters and digits, starting with a letter.
  --plan-sku SKU               Elastic Premium EP1 (default), EP2 or EP3, or dedicated P0v3, P1v3, P2v3 or P3v3.
  --artifacts-dir DIR          Where the publish folder and the zip go (default: artifacts/ in the repository).
  --infra-only                 Deploy the infrastructure only.
  --code-only                  Publish and deploy the code to the app of the last infrastructure deployment.
  -h, --help                   This help.
EOF
}

die() {
  echo "deploy.sh: $*" >&2
  exit 1
}

need_value() {
  [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"
}

# True when $1 contains a control character other than tab, CR and LF (which json_string escapes).
has_control_characters() {
  [[ $1 == *[$'\001'-$'\010'$'\013'$'\014'$'\016'-$'\037']* ]]
}

# A JSON string literal for $1 (checked with has_control_characters first).
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\r'/\\r}
  s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}

resource_group=""
location=""
name_prefix=""
relay_host=""
relay_port="587"
relay_tls="StartTls"
relay_username=""
relay_password_secret_uri=""
delivery_mode="Relay"
subnet_id=""
helo_name=""
task_hub="mailstrom"
plan_sku="EP1"
artifacts_dir=""
do_infra=true
do_code=true

while [[ $# -gt 0 ]]; do
  case $1 in
    --resource-group) need_value "$@"; resource_group=$2; shift 2 ;;
    --location) need_value "$@"; location=$2; shift 2 ;;
    --name-prefix) need_value "$@"; name_prefix=$2; shift 2 ;;
    --relay-host) need_value "$@"; relay_host=$2; shift 2 ;;
    --relay-port) need_value "$@"; relay_port=$2; shift 2 ;;
    --relay-tls) need_value "$@"; relay_tls=$2; shift 2 ;;
    --relay-username) need_value "$@"; relay_username=$2; shift 2 ;;
    --relay-password-secret-uri) need_value "$@"; relay_password_secret_uri=$2; shift 2 ;;
    --delivery-mode) need_value "$@"; delivery_mode=$2; shift 2 ;;
    --subnet-id) need_value "$@"; subnet_id=$2; shift 2 ;;
    --helo-name) need_value "$@"; helo_name=$2; shift 2 ;;
    --task-hub) need_value "$@"; task_hub=$2; shift 2 ;;
    --plan-sku) need_value "$@"; plan_sku=$2; shift 2 ;;
    --artifacts-dir) need_value "$@"; artifacts_dir=$2; shift 2 ;;
    --infra-only) do_code=false; shift ;;
    --code-only) do_infra=false; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

[[ -n $resource_group ]] || die "--resource-group is required"
if $do_infra; then
  [[ -n $location ]] || die "--location is required"
  [[ -n $name_prefix ]] || die "--name-prefix is required"
  [[ $name_prefix =~ ^[a-z0-9-]{3,11}$ ]] || die "--name-prefix must be 3-11 lower-case letters, digits or hyphens"
  [[ $task_hub =~ ^[A-Za-z][A-Za-z0-9]{2,44}$ ]] \
    || die "--task-hub must be 3-45 letters and digits, starting with a letter"
  [[ $relay_port =~ ^[0-9]{1,5}$ ]] || die "--relay-port must be a number"
  case $delivery_mode in
    Relay)
      [[ -n $relay_host ]] || die "relay mode needs --relay-host (or choose --delivery-mode Direct; see infra/README.md)"
      ;;
    Direct)
      echo "deploy.sh: Direct mode connects to MX hosts on port 25, which Azure blocks outbound on most subscriptions" \
        "(allowed only for Enterprise Agreement / MCA-E subscriptions, and from Functions only through VNet integration)." >&2
      [[ -n $subnet_id ]] || echo "deploy.sh: no --subnet-id given: without VNet integration port 25 is unreachable." >&2
      ;;
    *) die "--delivery-mode must be Relay or Direct" ;;
  esac
  case $relay_tls in StartTls | Implicit | None) ;; *) die "--relay-tls must be StartTls, Implicit or None" ;; esac
  case $plan_sku in EP1 | EP2 | EP3 | P0v3 | P1v3 | P2v3 | P3v3) ;; *) die "--plan-sku must be EP1, EP2, EP3, P0v3, P1v3, P2v3 or P3v3" ;; esac
  relay_password=${MAILSTROM_RELAY_PASSWORD:-}
  if [[ -n $relay_password_secret_uri ]]; then
    relay_password=""
  elif [[ $delivery_mode == Relay && -n $relay_username && -z $relay_password ]]; then
    die "--relay-username is set but MAILSTROM_RELAY_PASSWORD is empty (export it, or use --relay-password-secret-uri)"
  fi
  for value in "$location" "$subnet_id" "$helo_name" "$relay_host" "$relay_username" "$relay_password_secret_uri" \
    "$relay_password"; do
    if has_control_characters "$value"; then
      die "a parameter value (possibly MAILSTROM_RELAY_PASSWORD) contains a control character"
    fi
  done
fi

command -v az >/dev/null || die "the Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deployment_name="mailstrom-main"

if $do_infra; then
  echo "==> Resource group $resource_group ($location)"
  az group create --name "$resource_group" --location "$location" --output none

  # Parameters go through a private temporary file so the password never appears on a command line.
  params_file=$(umask 077 && mktemp "${TMPDIR:-/tmp}/mailstrom-params.XXXXXX")
  trap 'rm -f "$params_file"' EXIT
  {
    # shellcheck disable=SC2016 # "$schema" is a literal JSON key.
    printf '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n'
    printf '  "contentVersion": "1.0.0.0",\n  "parameters": {\n'
    printf '    "location": {"value": %s},\n' "$(json_string "$location")"
    printf '    "namePrefix": {"value": %s},\n' "$(json_string "$name_prefix")"
    printf '    "planSku": {"value": %s},\n' "$(json_string "$plan_sku")"
    printf '    "subnetId": {"value": %s},\n' "$(json_string "$subnet_id")"
    printf '    "taskHubName": {"value": %s},\n' "$(json_string "$task_hub")"
    printf '    "heloName": {"value": %s},\n' "$(json_string "$helo_name")"
    printf '    "deliveryMode": {"value": %s},\n' "$(json_string "$delivery_mode")"
    printf '    "relayHost": {"value": %s},\n' "$(json_string "$relay_host")"
    printf '    "relayPort": {"value": %d},\n' "$((10#$relay_port))"
    printf '    "relayTls": {"value": %s},\n' "$(json_string "$relay_tls")"
    printf '    "relayUsername": {"value": %s},\n' "$(json_string "$relay_username")"
    printf '    "relayPasswordSecretUri": {"value": %s},\n' "$(json_string "$relay_password_secret_uri")"
    printf '    "relayPassword": {"value": %s}\n' "$(json_string "$relay_password")"
    printf '  }\n}\n'
  } >"$params_file"

  echo "==> Infrastructure (infra/main.bicep, deployment $deployment_name)"
  az deployment group create \
    --resource-group "$resource_group" \
    --name "$deployment_name" \
    --template-file "$root/infra/main.bicep" \
    --parameters "@$params_file" \
    --output none
  rm -f "$params_file"
fi

app_name=$(az deployment group show --resource-group "$resource_group" --name "$deployment_name" \
  --query properties.outputs.functionAppName.value --output tsv)
[[ -n $app_name ]] || die "no function app found in deployment $deployment_name of $resource_group"
api_base_url=$(az deployment group show --resource-group "$resource_group" --name "$deployment_name" \
  --query properties.outputs.apiBaseUrl.value --output tsv)

if $do_code; then
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is required"
  command -v zip >/dev/null || die "zip is required"
  artifacts_dir=${artifacts_dir:-$root/artifacts}
  mkdir -p "$artifacts_dir"
  artifacts_dir=$(cd "$artifacts_dir" && pwd)
  publish_dir="$artifacts_dir/functionapp"
  package="$artifacts_dir/functionapp.zip"

  echo "==> Publish (framework-dependent, .NET 10 isolated worker) to $publish_dir"
  rm -rf "$publish_dir" "$package"
  dotnet publish "$root/src/Mailstrom.Functions/Mailstrom.Functions.csproj" -c Release -o "$publish_dir"
  for file in host.json functions.metadata worker.config.json extensions.json Mailstrom.Functions.dll; do
    [[ -f $publish_dir/$file ]] || die "the publish output has no $file"
  done
  [[ -d $publish_dir/.azurefunctions ]] || die "the publish output has no .azurefunctions (the host's Durable extension)"

  echo "==> Package $package"
  # The whole folder, .azurefunctions included: the host loads the Durable extension from it.
  (cd "$publish_dir" && zip -q -r -X "$package" .)

  echo "==> Zip deployment to $app_name"
  az functionapp deployment source config-zip \
    --resource-group "$resource_group" --name "$app_name" --src "$package" --output none
fi

cat <<EOF
==> Done.
Function app: $app_name
API:          $api_base_url/emails
Function key: az functionapp keys list --resource-group $resource_group --name $app_name --query functionKeys.default --output tsv
Send:         curl -si "$api_base_url/emails" -H "x-functions-key: \$KEY" -H 'Content-Type: application/json' -d '{...}'
EOF
