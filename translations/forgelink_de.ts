<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>forgelink::AnswersPage</name>
    <message>
        <source>The secrets on this page were not kept from your last session, because no keychain was available (%1). Enter them again.</source>
        <translation>Die Geheimnisse auf dieser Seite wurden aus Ihrer letzten Sitzung nicht übernommen, weil kein Schlüsselbund verfügbar war (%1). Geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <source>Next waits for %1: %2</source>
        <translation>Weiter wartet auf %1: %2</translation>
    </message>
    <message>
        <source>Next waits for this page to be complete.</source>
        <translation>Weiter wartet, bis diese Seite vollständig ist.</translation>
    </message>
</context>
<context>
    <name>forgelink::AnswersReader</name>
    <message>
        <source>must be a mapping of settings, got %1</source>
        <translation>muss eine Zuordnung von Einstellungen sein, erhalten: %1</translation>
    </message>
    <message>
        <source>keychain: references are not read from an answers file; give the secret, env:NAME or file:PATH</source>
        <translation>keychain:-Verweise werden aus einer Antwortdatei nicht gelesen; geben Sie das Geheimnis selbst, env:NAME oder file:PFAD an</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>is larger than %1 MiB: not an answers file</source>
        <translation>ist größer als %1 MiB: keine Antwortdatei</translation>
    </message>
    <message>
        <source>must be a mapping with `domain` and provider sections</source>
        <translation>muss eine Zuordnung mit `domain` und Abschnitten für die Anbieter sein</translation>
    </message>
    <message>
        <source>must be a host name, got %1</source>
        <translation>muss ein Hostname sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must be a URL, got %1</source>
        <translation>muss eine URL sein, erhalten: %1</translation>
    </message>
    <message>
        <source>unknown section; known: %1</source>
        <translation>unbekannter Abschnitt; bekannt sind: %1</translation>
    </message>
</context>
<context>
    <name>forgelink::AnswersValidator</name>
    <message>
        <source>is a reference (%1...); give the secret itself here</source>
        <translation>ist ein Verweis (%1...); geben Sie hier das Geheimnis selbst an</translation>
    </message>
    <message>
        <source>is required: the host name Pipekit is reached at, e.g. pipekit.example.com</source>
        <translation>ist erforderlich: der Hostname, unter dem Pipekit erreichbar ist, z. B. pipekit.example.com</translation>
    </message>
    <message>
        <source>must be a host name without a scheme, e.g. pipekit.example.com, got %1</source>
        <translation>muss ein Hostname ohne Schema sein, z. B. pipekit.example.com, erhalten: %1</translation>
    </message>
    <message>
        <source>must be a host name without a path, got %1</source>
        <translation>muss ein Hostname ohne Pfad sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must not contain spaces, got %1</source>
        <translation>darf keine Leerzeichen enthalten, erhalten: %1</translation>
    </message>
    <message>
        <source>must be a host name without a port, got %1</source>
        <translation>muss ein Hostname ohne Port sein, erhalten: %1</translation>
    </message>
    <message>
        <source>is longer than 253 characters</source>
        <translation>ist länger als 253 Zeichen</translation>
    </message>
    <message>
        <source>has an empty label (two dots, or a dot at either end): %1</source>
        <translation>hat ein leeres Label (zwei Punkte oder ein Punkt am Anfang oder Ende): %1</translation>
    </message>
    <message>
        <source>label %1 may hold only letters, digits and inner hyphens, up to 63 characters</source>
        <translation>Label %1 darf nur Buchstaben, Ziffern und innere Bindestriche enthalten, höchstens 63 Zeichen</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must be a URL such as https://host.example.com, got %1</source>
        <translation>muss eine URL wie https://host.example.com sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must use https (http is allowed only for loopback addresses), got %1</source>
        <translation>muss https verwenden (http ist nur für Loopback-Adressen erlaubt), erhalten: %1</translation>
    </message>
    <message>
        <source>must be an https URL, got %1</source>
        <translation>muss eine https-URL sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must not carry a user name or password; give the token in its own field</source>
        <translation>darf keinen Benutzernamen und kein Passwort enthalten; geben Sie das Token in seinem eigenen Feld an</translation>
    </message>
    <message>
        <source>must not have a query or fragment, got %1</source>
        <translation>darf keine Query und kein Fragment haben, erhalten: %1</translation>
    </message>
    <message>
        <source>must be a REST API version such as 7.1 (Azure DevOps Services), 7.0 (Server 2022), 6.0 (Server 2020) or 5.0 (Server 2019), got %1</source>
        <translation>muss eine REST-API-Version wie 7.1 (Azure DevOps Services), 7.0 (Server 2022), 6.0 (Server 2020) oder 5.0 (Server 2019) sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must be https://dev.azure.com/ORGANIZATION (one organization), got %1</source>
        <translation>muss https://dev.azure.com/ORGANISATION sein (eine Organisation), erhalten: %1</translation>
    </message>
    <message>
        <source>organization %1 may hold only letters, digits and hyphens</source>
        <translation>Organisation %1 darf nur Buchstaben, Ziffern und Bindestriche enthalten</translation>
    </message>
    <message>
        <source>must be https://ORGANIZATION.visualstudio.com without a path, got %1</source>
        <translation>muss https://ORGANISATION.visualstudio.com ohne Pfad sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must name the organization or collection: https://dev.azure.com/ORGANIZATION or https://SERVER/COLLECTION, got %1</source>
        <translation>muss die Organisation oder Sammlung nennen: https://dev.azure.com/ORGANISATION oder https://SERVER/SAMMLUNG, erhalten: %1</translation>
    </message>
    <message>
        <source>is required: the App ID shown on the GitHub App&apos;s settings page</source>
        <translation>ist erforderlich: die App-ID von der Einstellungsseite der GitHub App</translation>
    </message>
    <message>
        <source>must be a number, got %1</source>
        <translation>muss eine Zahl sein, erhalten: %1</translation>
    </message>
    <message>
        <source>is required: the Client ID shown on the GitHub App&apos;s settings page</source>
        <translation>ist erforderlich: die Client-ID von der Einstellungsseite der GitHub App</translation>
    </message>
    <message>
        <source>does not look like a GitHub App client ID (they start with &quot;Iv&quot;), got %1</source>
        <translation>sieht nicht wie die Client-ID einer GitHub App aus (sie beginnen mit &quot;Iv&quot;), erhalten: %1</translation>
    </message>
    <message>
        <source>must be a GitHub organization name (letters, digits, single hyphens), got %1</source>
        <translation>muss ein Name einer GitHub-Organisation sein (Buchstaben, Ziffern, einzelne Bindestriche), erhalten: %1</translation>
    </message>
    <message>
        <source>is required: the GitHub App&apos;s name</source>
        <translation>ist erforderlich: der Name der GitHub App</translation>
    </message>
    <message>
        <source>is longer than GitHub&apos;s 34 characters</source>
        <translation>ist länger als die 34 Zeichen, die GitHub erlaubt</translation>
    </message>
    <message>
        <source>must not contain spaces or line breaks (was it pasted with extra text?)</source>
        <translation>darf keine Leerzeichen oder Zeilenumbrüche enthalten (wurde zusätzlicher Text mit eingefügt?)</translation>
    </message>
    <message>
        <source>must not contain spaces or line breaks</source>
        <translation>darf keine Leerzeichen oder Zeilenumbrüche enthalten</translation>
    </message>
    <message>
        <source>is shorter than 16 characters; leave it empty to generate a strong one</source>
        <translation>ist kürzer als 16 Zeichen; lassen Sie das Feld leer, um ein starkes Geheimnis zu erzeugen</translation>
    </message>
    <message>
        <source>is still the example&apos;s placeholder: give the real value, or env:NAME or file:PATH</source>
        <translation>ist noch der Platzhalter des Beispiels: Geben Sie den echten Wert an, oder env:NAME oder file:PATH</translation>
    </message>
    <message>
        <source>must not contain a colon (HTTP Basic auth separates user and password with one)</source>
        <translation>darf keinen Doppelpunkt enthalten (HTTP Basic Auth trennt Benutzer und Passwort damit)</translation>
    </message>
    <message>
        <source>must not contain spaces</source>
        <translation>darf keine Leerzeichen enthalten</translation>
    </message>
    <message>
        <source>is required: the private key (.pem) generated on the GitHub App&apos;s settings page</source>
        <translation>ist erforderlich: der private Schlüssel (.pem), erzeugt auf der Einstellungsseite der GitHub App</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>must be http(s)://HOST[:PORT], e.g. http://pipekit-events-handler.pipekit.svc.cluster.local:8080, got %1</source>
        <translation>muss http(s)://HOST[:PORT] sein, z. B. http://pipekit-events-handler.pipekit.svc.cluster.local:8080, erhalten: %1</translation>
    </message>
    <message>
        <source>must not carry a user, query or fragment, got %1</source>
        <translation>darf keinen Benutzer, keine Query und kein Fragment enthalten, erhalten: %1</translation>
    </message>
    <message>
        <source>must not have a path: the agent adds /api/events-handler/v1/events/&lt;provider&gt;, got %1</source>
        <translation>darf keinen Pfad haben: der Agent hängt /api/events-handler/v1/events/&lt;provider&gt; an, erhalten: %1</translation>
    </message>
    <message>
        <source>must be http://HOST:PORT or socks5://HOST:PORT, got %1</source>
        <translation>muss http://HOST:PORT oder socks5://HOST:PORT sein, erhalten: %1</translation>
    </message>
    <message>
        <source>is required with deploy.target %1: the agent takes Pipekit&apos;s webhook paths and must forward every delivery to Pipekit&apos;s events handler, or Pipekit sees none</source>
        <translation>ist mit deploy.target %1 erforderlich: der Agent übernimmt Pipekits Webhook-Pfade und muss jede Zustellung an Pipekits Events-Handler weiterleiten, sonst sieht Pipekit keine</translation>
    </message>
    <message>
        <source>must be kubernetes, vm or container, got &quot;%1&quot;</source>
        <translation>muss kubernetes, vm oder container sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be a Kubernetes namespace (lower-case letters, digits and &apos;-&apos;), got &quot;%1&quot;</source>
        <translation>muss ein Kubernetes-Namespace sein (Kleinbuchstaben, Ziffern und &apos;-&apos;), erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be an IngressClass name, got &quot;%1&quot;</source>
        <translation>muss der Name einer IngressClass sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be a Secret&apos;s name, got &quot;%1&quot;</source>
        <translation>muss der Name eines Secrets sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>is required: the agent&apos;s image with its tag, e.g. registry.example.com/forgelink-agent:%1 (scripts/build-image.sh builds it)</source>
        <translation>ist erforderlich: das Image des Agenten mit seinem Tag, z. B. registry.example.com/forgelink-agent:%1 (scripts/build-image.sh baut es)</translation>
    </message>
    <message>
        <source>must name a fixed tag, not :latest (Kubernetes would pull it at every start)</source>
        <translation>muss ein festes Tag nennen, nicht :latest (Kubernetes würde es bei jedem Start neu laden)</translation>
    </message>
    <message>
        <source>must be REGISTRY/NAME:TAG or NAME@sha256:DIGEST, got &quot;%1&quot;</source>
        <translation>muss REGISTRY/NAME:TAG oder NAME@sha256:DIGEST sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>goes with store: postgresql only</source>
        <translation>gehört nur zu store: postgresql</translation>
    </message>
    <message>
        <source>must be postgresql://USER@HOST:PORT/DATABASE (the password goes in databasePassword), got &quot;%1&quot;</source>
        <translation>muss postgresql://BENUTZER@HOST:PORT/DATENBANK sein (das Passwort gehört in databasePassword), erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be a number from 2 to 20, got &quot;%1&quot;</source>
        <translation>muss eine Zahl von 2 bis 20 sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be sqlite or postgresql, got &quot;%1&quot;</source>
        <translation>muss sqlite oder postgresql sein, erhalten: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>enable at least one of %1</source>
        <translation>aktivieren Sie mindestens einen von %1</translation>
    </message>
</context>
<context>
    <name>forgelink::ApiClient</name>
    <message>
        <source>refusing to send credentials to %1: it is not the API&apos;s own origin %2 (a pagination link must stay on it)</source>
        <translation>Zugangsdaten werden nicht an %1 gesendet: das ist nicht der eigene Ursprung der API, %2 (ein Link zur nächsten Seite muss dort bleiben)</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MiB (network.maxResponseMegabytes)</source>
        <translation>die Antwort ist größer als %1 MiB (network.maxResponseMegabytes)</translation>
    </message>
    <message>
        <source>no complete answer within %1 s</source>
        <translation>keine vollständige Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>the server&apos;s TLS certificate is not trusted (network.caBundle adds a company CA): %1</source>
        <translation>dem TLS-Zertifikat des Servers wird nicht vertraut (network.caBundle fügt eine Unternehmens-CA hinzu): %1</translation>
    </message>
    <message>
        <source>cannot resolve the host name %1 (check the URL, and the proxy if this network needs one)</source>
        <translation>der Hostname %1 lässt sich nicht auflösen (prüfen Sie die URL und, falls dieses Netz einen braucht, den Proxy)</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>rate limited (%1)</source>
        <translation>durch das Ratenlimit gebremst (%1)</translation>
    </message>
    <message>
        <source>%1: rate limit exhausted; it resets in %2 s, longer than the %3 s this run may wait</source>
        <translation>%1: Ratenlimit erschöpft; es setzt sich in %2 s zurück, länger als die %3 s, die dieser Lauf warten darf</translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation>antwortete %1</translation>
    </message>
    <message>
        <source>%1: %2; it asks to retry in %3 s, longer than the %4 s this run may wait</source>
        <translation>%1: %2; der Server bittet, es in %3 s erneut zu versuchen, länger als die %4 s, die dieser Lauf warten darf</translation>
    </message>
    <message>
        <source>%1: %2 after %3 attempts</source>
        <translation>%1: %2 nach %3 Versuchen</translation>
    </message>
</context>
<context>
    <name>forgelink::AzureDevOpsCheck</name>
    <message>
        <source>Azure DevOps rejected the personal access token: it is invalid, expired, or not for this organization.</source>
        <translation>Azure DevOps hat das Personal Access Token abgelehnt: Es ist ungültig, abgelaufen oder nicht für diese Organisation.</translation>
    </message>
    <message>
        <source>Azure DevOps refused the REST API version: %1.</source>
        <translation>Azure DevOps hat die REST-API-Version abgelehnt: %1.</translation>
    </message>
    <message>
        <source>Azure DevOps answered %1 when listing projects.</source>
        <translation>Azure DevOps antwortete %1 beim Auflisten der Projekte.</translation>
    </message>
    <message>
        <source>The token reads %1 project(s) (REST API %2)</source>
        <translation>Das Token liest %1 Projekt(e) (REST-API %2)</translation>
    </message>
    <message>
        <source>The token cannot read Service Hook subscriptions: its owner must be a Project Administrator or have &quot;View subscriptions&quot; and &quot;Edit subscriptions&quot;, and the token needs the Code (Read, Write &amp; Status) scope.</source>
        <translation>Das Token kann keine Service-Hook-Abonnements lesen: Sein Besitzer muss Projektadministrator sein oder &quot;View subscriptions&quot; und &quot;Edit subscriptions&quot; haben, und das Token braucht den Bereich Code (Read, Write &amp; Status).</translation>
    </message>
    <message>
        <source>The token reads Service Hook subscriptions</source>
        <translation>Das Token liest Service-Hook-Abonnements</translation>
    </message>
    <message>
        <source>The token reads no project: give it Project &amp; Team (Read).</source>
        <translation>Das Token liest kein Projekt: Geben Sie ihm Project &amp; Team (Read).</translation>
    </message>
    <message>
        <source>Azure DevOps did not say whether the token&apos;s owner may edit Service Hook subscriptions (%1); attaching repositories needs &quot;Edit subscriptions&quot;.</source>
        <translation>Azure DevOps hat nicht gesagt, ob der Besitzer des Tokens Service-Hook-Abonnements bearbeiten darf (%1); das Anbinden von Repositorys braucht &quot;Edit subscriptions&quot;.</translation>
    </message>
    <message>
        <source>The token&apos;s owner may not edit Service Hook subscriptions (&quot;Edit subscriptions&quot;) in any project: make them a Project Administrator or grant that permission.</source>
        <translation>Der Besitzer des Tokens darf in keinem Projekt Service-Hook-Abonnements bearbeiten (&quot;Edit subscriptions&quot;): Machen Sie ihn zum Projektadministrator oder erteilen Sie diese Berechtigung.</translation>
    </message>
    <message>
        <source>Warning: the token&apos;s owner may not edit Service Hook subscriptions in %1; repositories there cannot be attached.</source>
        <translation>Warnung: Der Besitzer des Tokens darf in %1 keine Service-Hook-Abonnements bearbeiten; Repositorys dort können nicht angebunden werden.</translation>
    </message>
    <message>
        <source>Its owner may edit Service Hook subscriptions in every project it reads</source>
        <translation>Sein Besitzer darf in jedem Projekt, das es liest, Service-Hook-Abonnements bearbeiten</translation>
    </message>
</context>
<context>
    <name>forgelink::AzureDevOpsProvider</name>
    <message>
        <source>&amp;Organization URL:</source>
        <translation>&amp;Organisations-URL:</translation>
    </message>
    <message>
        <source>Server &amp;release:</source>
        <translation>Server-&amp;Release:</translation>
    </message>
    <message>
        <source>%1 (REST API %2)</source>
        <translation>%1 (REST-API %2)</translation>
    </message>
    <message>
        <source>Personal access &amp;token:</source>
        <translation>Persönliches Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>Webhook Basic auth &amp;user:</source>
        <translation>Webhook-Basic-Auth-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Webhook Basic auth &amp;password:</source>
        <translation>Webhook-Basic-Auth-&amp;Passwort:</translation>
    </message>
    <message>
        <source>A personal access token with Code (Read, Write &amp; Status) and Project &amp; Team (Read), of a Project Administrator or a user with &quot;Edit subscriptions&quot;.</source>
        <translation>Ein persönliches Zugriffstoken mit Code (Read, Write &amp; Status) und Project &amp; Team (Read), von einem Projektadministrator oder einem Benutzer mit „Edit subscriptions“.</translation>
    </message>
    <message>
        <source>&amp;Azure DevOps (Services or Server)</source>
        <translation>&amp;Azure DevOps (Services oder Server)</translation>
    </message>
</context>
<context>
    <name>forgelink::BatchRun</name>
    <message>
        <source>%1 has 1 problem; nothing was written:</source>
        <translation>%1 hat 1 Problem; es wurde nichts geschrieben:</translation>
    </message>
    <message>
        <source>%1 has %2 problems; nothing was written:</source>
        <translation>%1 hat %2 Probleme; es wurde nichts geschrieben:</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>a check against a provider failed; nothing was written</source>
        <translation>eine Prüfung bei einem Anbieter ist fehlgeschlagen; es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>next: %1: %2</source>
        <translation>als Nächstes: %1: %2</translation>
    </message>
</context>
<context>
    <name>forgelink::BitbucketCheck</name>
    <message>
        <source>Bitbucket rejected the HTTP access token (401): it is invalid or expired.</source>
        <translation>Bitbucket hat das HTTP-Zugriffstoken abgelehnt (401): Es ist ungültig oder abgelaufen.</translation>
    </message>
    <message>
        <source>Bitbucket answered %1 when listing repositories.</source>
        <translation>Bitbucket antwortete %1 beim Auflisten der Repositorys.</translation>
    </message>
    <message>
        <source>The token administers no repository: give it the REPO_ADMIN permission.</source>
        <translation>Das Token verwaltet kein Repository: Geben Sie ihm die Berechtigung REPO_ADMIN.</translation>
    </message>
    <message>
        <source>The token administers repositories in %1 project(s) (REPO_ADMIN)</source>
        <translation>Das Token verwaltet Repositorys in %1 Projekt(en) (REPO_ADMIN)</translation>
    </message>
    <message>
        <source>Bitbucket did not say which projects the token reads (%1).</source>
        <translation>Bitbucket hat nicht gesagt, welche Projekte das Token liest (%1).</translation>
    </message>
    <message>
        <source>The token lacks PROJECT_READ on %1: create it as a project token (or a personal token) with project read and repository admin.</source>
        <translation>Dem Token fehlt PROJECT_READ auf %1: Erstellen Sie es als Projekt-Token (oder persönliches Token) mit Projekt-Lesen und Repository-Admin.</translation>
    </message>
    <message>
        <source>The token reads those projects (PROJECT_READ)</source>
        <translation>Das Token liest diese Projekte (PROJECT_READ)</translation>
    </message>
</context>
<context>
    <name>forgelink::BitbucketProvider</name>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>HTTP access &amp;token:</source>
        <translation>HTTP-Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>An HTTP access token with the permissions %1.</source>
        <translation>Ein HTTP-Zugriffstoken mit den Berechtigungen %1.</translation>
    </message>
    <message>
        <source>&amp;Bitbucket Data Center</source>
        <translation>&amp;Bitbucket Data Center</translation>
    </message>
</context>
<context>
    <name>forgelink::CheckOutcome</name>
    <message>
        <source> The server&apos;s certificate is not trusted: give the CA bundle of your company.</source>
        <translation> Dem Zertifikat des Servers wird nicht vertraut: Geben Sie das CA-Bündel Ihres Unternehmens an.</translation>
    </message>
    <message>
        <source> Check the URL, and the proxy if this network needs one.</source>
        <translation> Prüfen Sie die URL und, falls dieses Netz einen braucht, den Proxy.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: %2.%3</source>
        <translation>%1 ist nicht erreichbar: %2.%3</translation>
    </message>
</context>
<context>
    <name>forgelink::CommandBlock</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the commands</source>
        <translation>Befehle kopieren</translation>
    </message>
</context>
<context>
    <name>forgelink::CopyableValue</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Wert kopieren</translation>
    </message>
</context>
<context>
    <name>forgelink::FinishPage</name>
    <message>
        <source>&amp;Write the files</source>
        <translation>Dateien &amp;schreiben</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>Ordner &amp;öffnen</translation>
    </message>
    <message>
        <source>Write the files</source>
        <translation>Dateien schreiben</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Fol&amp;der:</source>
        <translation>O&amp;rdner:</translation>
    </message>
    <message>
        <source>Where to write the files</source>
        <translation>Wohin die Dateien geschrieben werden</translation>
    </message>
    <message>
        <source>Nothing was written: %1</source>
        <translation>Es wurde nichts geschrieben: %1</translation>
    </message>
    <message>
        <source>&amp;Replace files already in the folder</source>
        <translation>Vorhandene Dateien im Ordner &amp;ersetzen</translation>
    </message>
    <message>
        <source>Apply the values to Pipekit:</source>
        <translation>Die Werte auf Pipekit anwenden:</translation>
    </message>
    <message>
        <source>Run the agent (from forgelink&apos;s source folder):</source>
        <translation>Den Agenten starten (aus dem Quellordner von forgelink):</translation>
    </message>
    <message>
        <source>values.yaml goes to Pipekit&apos;s Helm chart, agent.yaml to forgelink-agent, kubernetes/ holds the agent&apos;s Secret and config for a cluster. They hold secrets and are written readable by you only.</source>
        <translation>values.yaml gehört zu Pipekits Helm-Chart, agent.yaml zu forgelink-agent, kubernetes/ enthält Secret und Konfiguration des Agenten für einen Cluster. Sie enthalten Geheimnisse und werden nur für Sie lesbar geschrieben.</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>A VM (systemd)</source>
        <translation>Eine VM (systemd)</translation>
    </message>
    <message>
        <source>A container</source>
        <translation>Ein Container</translation>
    </message>
    <message>
        <source>Wrote %1, %2 and the folder %3.</source>
        <translation>%1, %2 und der Ordner %3 wurden geschrieben.</translation>
    </message>
    <message>
        <source>Only the agent&apos;s config and Secret</source>
        <translation>Nur die Konfiguration und das Secret des Agenten</translation>
    </message>
    <message>
        <source>Kubernetes: a kustomization to apply</source>
        <translation>Kubernetes: eine Kustomization zum Anwenden</translation>
    </message>
    <message>
        <source>A VM with systemd, behind nginx</source>
        <translation>Eine VM mit systemd, hinter nginx</translation>
    </message>
    <message>
        <source>the cluster&apos;s default</source>
        <translation>die Vorgabe des Clusters</translation>
    </message>
    <message>
        <source>the certificate Pipekit&apos;s Ingress uses</source>
        <translation>das Zertifikat, das Pipekits Ingress verwendet</translation>
    </message>
    <message>
        <source>Deploy the &amp;agent:</source>
        <translation>&amp;Bereitstellung:</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>&amp;Namespace:</translation>
    </message>
    <message>
        <source>Ingress c&amp;lass:</source>
        <translation>Ingress-&amp;Klasse:</translation>
    </message>
    <message>
        <source>&amp;TLS secret:</source>
        <translation>&amp;TLS-Secret:</translation>
    </message>
</context>
<context>
    <name>forgelink::GitHubCheck</name>
    <message>
        <source>GitHub rejected the App&apos;s token (401): check the App ID and that the private key was generated for this App.</source>
        <translation>GitHub hat das Token der App abgelehnt (401): Prüfen Sie die App-ID und ob der private Schlüssel für diese App erzeugt wurde.</translation>
    </message>
    <message>
        <source>GitHub answered %1 when reading the App.</source>
        <translation>GitHub antwortete %1 beim Lesen der App.</translation>
    </message>
    <message>
        <source>App &quot;%1&quot; (%2), ID %3</source>
        <translation>App &quot;%1&quot; (%2), ID %3</translation>
    </message>
    <message>
        <source>The Client ID is %1 on GitHub, not %2.</source>
        <translation>Die Client-ID ist auf GitHub %1, nicht %2.</translation>
    </message>
    <message>
        <source>Repository permission &quot;%1&quot; is %2; it must be Read &amp; Write.</source>
        <translation>Die Repository-Berechtigung &quot;%1&quot; ist %2; sie muss Read &amp; Write sein.</translation>
    </message>
    <message>
        <source>not granted</source>
        <translation>nicht erteilt</translation>
    </message>
    <message>
        <source>The App is not subscribed to the &quot;%1&quot; event.</source>
        <translation>Die App hat das Ereignis &quot;%1&quot; nicht abonniert.</translation>
    </message>
    <message>
        <source>install the App on the repositories Pipekit should build</source>
        <translation>die App in den Repositories installieren, die Pipekit bauen soll</translation>
    </message>
</context>
<context>
    <name>forgelink::GitHubPage</name>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>Create a GitHub App for Pipekit in your organization, then enter its details here.</source>
        <translation>Legen Sie in Ihrer Organisation eine GitHub App für Pipekit an und tragen Sie dann hier ihre Daten ein.</translation>
    </message>
    <message>
        <source>1. Where</source>
        <translation>1. Wo</translation>
    </message>
    <message>
        <source>acme (empty: your personal account)</source>
        <translation>acme (leer: Ihr persönliches Konto)</translation>
    </message>
    <message>
        <source>GitHub Enterprise Server: https://HOST/api/v3</source>
        <translation>GitHub Enterprise Server: https://HOST/api/v3</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>GitHub &amp;API URL:</source>
        <translation>GitHub-&amp;API-URL:</translation>
    </message>
    <message>
        <source>Homepage URL:</source>
        <translation>Homepage-URL:</translation>
    </message>
    <message>
        <source>Callback URL:</source>
        <translation>Callback-URL:</translation>
    </message>
    <message>
        <source>Second callback URL:</source>
        <translation>Zweite Callback-URL:</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>Webhook-URL:</translation>
    </message>
    <message>
        <source>Tick &quot;Request user authorization (OAuth) during installation&quot;. Repository permissions, all Read &amp; Write: %1. Subscribe to events: Create, Pull request, Push, Repository. Then generate a client secret and a private key.</source>
        <translation>Kreuzen Sie „Request user authorization (OAuth) during installation“ an. Repository-Berechtigungen, alle Read &amp; Write: %1. Ereignisse abonnieren: Create, Pull request, Push, Repository. Erzeugen Sie danach ein Client Secret und einen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Open GitHub&apos;s &quot;&amp;New GitHub App&quot; page</source>
        <translation>GitHub-Seite „&amp;New GitHub App“ öffnen</translation>
    </message>
    <message>
        <source>3. The App&apos;s details</source>
        <translation>3. Die Daten der App</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <source>App &amp;name:</source>
        <translation>App-&amp;Name:</translation>
    </message>
    <message>
        <source>App &amp;ID:</source>
        <translation>App-&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Secret:</translation>
    </message>
    <message>
        <source>&amp;Private key (.pem):</source>
        <translation>&amp;Privater Schlüssel (.pem):</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>The GitHub App&apos;s private key</source>
        <translation>Der private Schlüssel der GitHub App</translation>
    </message>
    <message>
        <source>Private keys (*.pem);;All files (*)</source>
        <translation>Private Schlüssel (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>(the key from the opened values file)</source>
        <translation>(der Schlüssel aus der geöffneten Values-Datei)</translation>
    </message>
    <message>
        <source>2. Create the App in one step (recommended)</source>
        <translation>2. Die App in einem Schritt erstellen (empfohlen)</translation>
    </message>
    <message>
        <source>forgelink sends Pipekit&apos;s settings to GitHub in your browser; you confirm once, and the App&apos;s details come back here by themselves.</source>
        <translation>forgelink sendet Pipekits Einstellungen in Ihrem Browser an GitHub; Sie bestätigen einmal, und die Angaben der App kommen von selbst hierher zurück.</translation>
    </message>
    <message>
        <source>Create the App on &amp;GitHub…</source>
        <translation>Die App auf &amp;GitHub erstellen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Or create the App on GitHub by hand, with these settings</source>
        <translation>Oder die App von Hand auf GitHub erstellen, mit diesen Einstellungen</translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation>Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>Paste it into GitHub&apos;s &quot;Webhook secret&quot; field, under &quot;Webhook&quot;, beside the webhook URL. Without it GitHub signs no delivery and the agent refuses them all.</source>
        <translation>Fügen Sie es in GitHubs Feld &quot;Webhook secret&quot; unter &quot;Webhook&quot; ein, neben der Webhook-URL. Ohne es signiert GitHub keine Zustellung, und der Agent weist alle ab.</translation>
    </message>
    <message>
        <source>Waiting for you to confirm on GitHub in your browser…</source>
        <translation>Warte auf Ihre Bestätigung auf GitHub in Ihrem Browser…</translation>
    </message>
    <message>
        <source>(the key GitHub generated; kept in your keychain)</source>
        <translation>(der Schlüssel, den GitHub erzeugt hat; in Ihrem Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <source>GitHub created the App &quot;%1&quot;. Next, &lt;a href=&quot;%2&quot;&gt;install it&lt;/a&gt; on the repositories Pipekit should build.</source>
        <translation>GitHub hat die App &quot;%1&quot; erstellt. Als Nächstes &lt;a href=&quot;%2&quot;&gt;installieren Sie sie&lt;/a&gt; auf den Repositorys, die Pipekit bauen soll.</translation>
    </message>
</context>
<context>
    <name>forgelink::GitHubProvider</name>
    <message>
        <source>&amp;GitHub (github.com or GitHub Enterprise Server)</source>
        <translation>&amp;GitHub (github.com oder GitHub Enterprise Server)</translation>
    </message>
</context>
<context>
    <name>forgelink::GitLabCheck</name>
    <message>
        <source>GitLab rejected the token (401): it is invalid, expired or revoked.</source>
        <translation>GitLab hat das Token abgelehnt (401): Es ist ungültig, abgelaufen oder widerrufen.</translation>
    </message>
    <message>
        <source>This GitLab cannot describe tokens (it needs GitLab 15.5 or newer), or the URL is not a GitLab.</source>
        <translation>Dieses GitLab kann Tokens nicht beschreiben (es braucht GitLab 15.5 oder neuer), oder die URL ist kein GitLab.</translation>
    </message>
    <message>
        <source>GitLab answered %1 when reading the token.</source>
        <translation>GitLab antwortete %1 beim Lesen des Tokens.</translation>
    </message>
    <message>
        <source>The token is revoked or inactive; create a new one.</source>
        <translation>Das Token ist widerrufen oder inaktiv; erstellen Sie ein neues.</translation>
    </message>
    <message>
        <source>Token &quot;%1&quot; with scopes %2</source>
        <translation>Token &quot;%1&quot; mit den Bereichen %2</translation>
    </message>
    <message>
        <source>The token lacks the &quot;%1&quot; scope; create one with api, read_user and read_repository.</source>
        <translation>Dem Token fehlt der Bereich &quot;%1&quot;; erstellen Sie eines mit api, read_user und read_repository.</translation>
    </message>
    <message>
        <source>It expires on %1</source>
        <translation>Es läuft am %1 ab</translation>
    </message>
    <message>
        <source>The token expired on %1.</source>
        <translation>Das Token ist am %1 abgelaufen.</translation>
    </message>
    <message>
        <source>Warning: it expires in %1 days; Pipekit stops working then.</source>
        <translation>Warnung: Es läuft in %1 Tagen ab; dann funktioniert Pipekit nicht mehr.</translation>
    </message>
    <message>
        <source>It does not expire</source>
        <translation>Es läuft nicht ab</translation>
    </message>
</context>
<context>
    <name>forgelink::GitLabProvider</name>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>Personal access &amp;token:</source>
        <translation>Persönliches Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>A personal access token of a user who maintains the projects, with the scopes %1.</source>
        <translation>Ein persönliches Zugriffstoken eines Benutzers, der die Projekte betreut, mit den Berechtigungen %1.</translation>
    </message>
    <message>
        <source>Git&amp;Lab (gitlab.com or self-managed)</source>
        <translation>Git&amp;Lab (gitlab.com oder selbst betrieben)</translation>
    </message>
</context>
<context>
    <name>forgelink::HostPage</name>
    <message>
        <source>Pipekit&apos;s address</source>
        <translation>Pipekits Adresse</translation>
    </message>
    <message>
        <source>The host name your users open Pipekit at. Every URL the providers need derives from it.</source>
        <translation>Der Hostname, unter dem Ihre Benutzer Pipekit öffnen. Alle URLs, die die Anbieter brauchen, leiten sich davon ab.</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>Homepage: %1</source>
        <translation>Homepage: %1</translation>
    </message>
    <message>
        <source>GitHub callback: %1</source>
        <translation>GitHub-Callback: %1</translation>
    </message>
    <message>
        <source>%1 webhook: %2</source>
        <translation>%1-Webhook: %2</translation>
    </message>
    <message>
        <source>&amp;Events handler:</source>
        <translation>&amp;Events Handler:</translation>
    </message>
    <message>
        <source>Where forgelink-agent reaches Pipekit&apos;s events handler, in a cluster its Service URL. The agent receives the providers&apos; webhooks, records them, and forwards each one there, retrying while Pipekit is down. Required when the agent takes Pipekit&apos;s webhook paths (the Kubernetes or VM deployment on the last page): without it Pipekit sees no webhook.</source>
        <translation>Wo forgelink-agent Pipekits Events Handler erreicht, in einem Cluster die URL seines Service. Der Agent empfängt die Webhooks der Anbieter, speichert sie und leitet jeden dorthin weiter, mit Wiederholungen, solange Pipekit nicht erreichbar ist. Erforderlich, wenn der Agent Pipekits Webhook-Pfade übernimmt (die Bereitstellung für Kubernetes oder eine VM auf der letzten Seite): ohne ihn sieht Pipekit keinen Webhook.</translation>
    </message>
</context>
<context>
    <name>forgelink::ManifestFlow</name>
    <message>
        <source>GitHub did not send the browser back within the time allowed (GitHub allows an hour). Start again, or enter the App&apos;s details by hand.</source>
        <translation>GitHub hat den Browser nicht rechtzeitig zurückgeschickt (GitHub erlaubt eine Stunde). Beginnen Sie erneut, oder geben Sie die Angaben der App von Hand ein.</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>Hier ist nichts.</translation>
    </message>
    <message>
        <source>GitHub created the App. You can close this tab and return to forgelink.</source>
        <translation>GitHub hat die App erstellt. Sie können diesen Tab schließen und zu forgelink zurückkehren.</translation>
    </message>
    <message>
        <source>Cancelled. You can start again, or enter the App&apos;s details by hand.</source>
        <translation>Abgebrochen. Sie können erneut beginnen oder die Angaben der App von Hand eingeben.</translation>
    </message>
</context>
<context>
    <name>forgelink::PrivateKey</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key (too large)</source>
        <translation>%1 ist kein privater PEM-Schlüssel (zu groß)</translation>
    </message>
    <message>
        <source>%1 is a public key; the private key (.pem) generated in the GitHub App&apos;s settings is needed</source>
        <translation>%1 ist ein öffentlicher Schlüssel; gebraucht wird der private Schlüssel (.pem), erzeugt in den Einstellungen der GitHub App</translation>
    </message>
    <message>
        <source>%1 is encrypted; GitHub&apos;s keys are not: give the key without a passphrase (openssl pkey -in KEY -out PLAIN.pem)</source>
        <translation>%1 ist verschlüsselt; die Schlüssel von GitHub sind es nicht: Geben Sie den Schlüssel ohne Passphrase an (openssl pkey -in KEY -out PLAIN.pem)</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key</source>
        <translation>%1 ist kein privater PEM-Schlüssel</translation>
    </message>
    <message>
        <source>%1 holds a %2 key; GitHub App keys are RSA</source>
        <translation>%1 enthält einen %2-Schlüssel; Schlüssel von GitHub Apps sind RSA</translation>
    </message>
</context>
<context>
    <name>forgelink::ProviderFieldsPage</name>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
</context>
<context>
    <name>forgelink::ProvidersPage</name>
    <message>
        <source>Git providers</source>
        <translation>Git-Anbieter</translation>
    </message>
    <message>
        <source>Choose every provider Pipekit should work with. Each gets a page of its own.</source>
        <translation>Wählen Sie alle Anbieter, mit denen Pipekit arbeiten soll. Jeder bekommt eine eigene Seite.</translation>
    </message>
    <message>
        <source>Network (only if your providers need it)</source>
        <translation>Netzwerk (nur wenn Ihre Anbieter es brauchen)</translation>
    </message>
    <message>
        <source>/etc/ssl/company-ca.pem</source>
        <translation>/etc/ssl/firmen-ca.pem</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificates:</source>
        <translation>Zusätzliche &amp;CA-Zertifikate:</translation>
    </message>
    <message>
        <source>HTTP(S) &amp;proxy:</source>
        <translation>HTTP(S)-&amp;Proxy:</translation>
    </message>
    <message>
        <source>Next waits for a provider: tick at least one.</source>
        <translation>Weiter wartet auf einen Anbieter: Wählen Sie mindestens einen aus.</translation>
    </message>
</context>
<context>
    <name>forgelink::ReviewPage</name>
    <message>
        <source>&amp;Show secrets</source>
        <translation>Geheimnisse an&amp;zeigen</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>These are the files that will be written. Secrets are masked until you ask to see them.</source>
        <translation>Diese Dateien werden geschrieben. Geheimnisse bleiben verdeckt, bis Sie sie anzeigen lassen.</translation>
    </message>
    <message>
        <source>values.yaml</source>
        <translation>values.yaml</translation>
    </message>
    <message>
        <source>agent.yaml</source>
        <translation>agent.yaml</translation>
    </message>
    <message>
        <source>Fix these first:
%1</source>
        <translation>Beheben Sie zuerst:
%1</translation>
    </message>
</context>
<context>
    <name>forgelink::SecretResolver</name>
    <message>
        <source>env: needs a variable name, e.g. env:GITLAB_TOKEN</source>
        <translation>env: braucht einen Variablennamen, z. B. env:GITLAB_TOKEN</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>die Umgebungsvariable %1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>environment variable %1 is empty</source>
        <translation>die Umgebungsvariable %1 ist leer</translation>
    </message>
    <message>
        <source>file: needs a path, e.g. file:/run/secrets/token</source>
        <translation>file: braucht einen Pfad, z. B. file:/run/secrets/token</translation>
    </message>
    <message>
        <source>cannot read file %1: %2</source>
        <translation>die Datei %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>file %1 is empty</source>
        <translation>die Datei %1 ist leer</translation>
    </message>
    <message>
        <source>keychain: needs a key, e.g. keychain:forgelink/gitlab</source>
        <translation>keychain: braucht einen Schlüssel, z. B. keychain:forgelink/gitlab</translation>
    </message>
    <message>
        <source>keychain references are not available here</source>
        <translation>keychain-Verweise sind hier nicht verfügbar</translation>
    </message>
    <message>
        <source>keychain entry %1: %2</source>
        <translation>Schlüsselbund-Eintrag %1: %2</translation>
    </message>
    <message>
        <source>keychain entry %1 is empty</source>
        <translation>der Schlüsselbund-Eintrag %1 ist leer</translation>
    </message>
    <message>
        <source>is empty; give the secret, or env:NAME, file:PATH or keychain:KEY</source>
        <translation>ist leer; geben Sie das Geheimnis an, oder env:NAME, file:PFAD oder keychain:SCHLÜSSEL</translation>
    </message>
</context>
<context>
    <name>forgelink::SecretStore</name>
    <message>
        <source>Could not keep %1 in the keychain: %2</source>
        <translation>%1 konnte nicht im Schlüsselbund gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>forgelink::SetupWizard</name>
    <message>
        <source>forgelink: connect Pipekit to your Git providers</source>
        <translation>forgelink: Pipekit mit Ihren Git-Anbietern verbinden</translation>
    </message>
    <message>
        <source>Secrets are kept in your keychain between sessions.</source>
        <translation>Geheimnisse werden zwischen den Sitzungen in Ihrem Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>No keychain is available (%1): secrets are kept in memory only and must be entered again next time.</source>
        <translation>Kein Schlüsselbund verfügbar (%1): Geheimnisse bleiben nur im Speicher und müssen beim nächsten Mal erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>Could not open it: %1</source>
        <translation>Konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Opened %1: its settings fill the pages. Access tokens are not in it; enter them again.</source>
        <translation>%1 geöffnet: Die Einstellungen füllen die Seiten. Zugriffstoken sind nicht enthalten; geben Sie sie erneut ein.</translation>
    </message>
</context>
<context>
    <name>forgelink::VerifyPanel</name>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Cancel check</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Checks the credentials against %1&apos;s API</source>
        <translation>Prüft die Zugangsdaten gegen die API von %1</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Checking with %1…</source>
        <translation>Prüfung bei %1…</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#1b5e20&apos;&gt;Verified.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#1b5e20&apos;&gt;Geprüft.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;Not verified.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;Nicht bestätigt.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next, &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</source>
        <translation>Als Nächstes: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</translation>
    </message>
</context>
<context>
    <name>forgelink::WelcomePage</name>
    <message>
        <source>Connect Pipekit to your Git providers</source>
        <translation>Pipekit mit Ihren Git-Anbietern verbinden</translation>
    </message>
    <message>
        <source>&lt;p&gt;This wizard sets up Pipekit&apos;s integrations with GitHub, GitLab, Bitbucket Data Center and Azure DevOps, and writes two files:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;values.yaml&lt;/b&gt; for Pipekit&apos;s Helm chart;&lt;/li&gt;&lt;li&gt;&lt;b&gt;agent.yaml&lt;/b&gt; for forgelink-agent, which receives the webhooks and keeps the list of repositories.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Have at hand: the host name Pipekit is reached at, an owner account of your GitHub organization, and access tokens for the other providers you use.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieser Assistent richtet Pipekits Anbindung an GitHub, GitLab, Bitbucket Data Center und Azure DevOps ein und schreibt zwei Dateien:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;values.yaml&lt;/b&gt; für Pipekits Helm-Chart;&lt;/li&gt;&lt;li&gt;&lt;b&gt;agent.yaml&lt;/b&gt; für forgelink-agent, der die Webhooks empfängt und die Liste der Repositories führt.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Halten Sie bereit: den Hostnamen, unter dem Pipekit erreichbar ist, ein Owner-Konto Ihrer GitHub-Organisation und Zugriffstoken für die anderen Anbieter, die Sie nutzen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Open an existing values.yaml…</source>
        <translation>Vorhandene values.yaml ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open values.yaml</source>
        <translation>values.yaml öffnen</translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML-Dateien (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>forgelink::WizardCommandLine</name>
    <message>
        <source>Connects a self-hosted Pipekit to GitHub, GitLab, Bitbucket Data Center and Azure DevOps.
Without options it opens the setup wizard; with --batch it generates the same files from an answers file.</source>
        <translation>Verbindet ein selbst betriebenes Pipekit mit GitHub, GitLab, Bitbucket Data Center und Azure DevOps.
Ohne Optionen öffnet es den Einrichtungsassistenten; mit --batch erzeugt es dieselben Dateien aus einer Antwortdatei.</translation>
    </message>
    <message>
        <source>Generate without a display from the answers in &lt;file&gt;.</source>
        <translation>Ohne Anzeige aus den Antworten in &lt;file&gt; erzeugen.</translation>
    </message>
    <message>
        <source>Folder to write values.yaml, agent.yaml and kubernetes/ to.</source>
        <translation>Ordner, in den values.yaml, agent.yaml und kubernetes/ geschrieben werden.</translation>
    </message>
    <message>
        <source>With --out: replace files that are already there.</source>
        <translation>Mit --out: vorhandene Dateien ersetzen.</translation>
    </message>
    <message>
        <source>Chart value keys to use instead of the built-in layout.</source>
        <translation>Schlüssel der Chart-Werte, die statt des eingebauten Layouts gelten.</translation>
    </message>
    <message>
        <source>With --batch: verify every credential against its provider first.</source>
        <translation>Mit --batch: zuerst jede Zugangsangabe beim Anbieter prüfen.</translation>
    </message>
    <message>
        <source>With --batch: create the GitHub App with GitHub&apos;s App Manifest flow, through a page you open in any browser.</source>
        <translation>Mit --batch: die GitHub App über GitHubs App-Manifest-Ablauf anlegen, über eine Seite, die Sie in einem beliebigen Browser öffnen.</translation>
    </message>
    <message>
        <source>Print the GitHub App manifest for --domain (and --organization).</source>
        <translation>Das Manifest der GitHub App für --domain (und --organization) ausgeben.</translation>
    </message>
    <message>
        <source>Pipekit&apos;s host name.</source>
        <translation>Pipekits Hostname.</translation>
    </message>
    <message>
        <source>The GitHub organization.</source>
        <translation>Die GitHub-Organisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
</context>
<context>
    <name>forgelink::YamlSection</name>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must be a single value, got %1</source>
        <translation>muss ein einzelner Wert sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must be true or false, got &quot;%1&quot;</source>
        <translation>muss true oder false sein, erhalten: „%1“</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2, got &quot;%3&quot;</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein, erhalten: „%3“</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2, got &quot;%3&quot;</source>
        <translation>muss eine Zahl von %1 bis %2 sein, erhalten: „%3“</translation>
    </message>
    <message>
        <source>must be a list, got %1</source>
        <translation>muss eine Liste sein, erhalten: %1</translation>
    </message>
    <message>
        <source>must be a list of values</source>
        <translation>muss eine Liste von Werten sein</translation>
    </message>
    <message>
        <source>must be a secret or a list of secrets</source>
        <translation>muss ein Geheimnis oder eine Liste von Geheimnissen sein</translation>
    </message>
    <message>
        <source>unknown setting; known: %1</source>
        <translation>unbekannte Einstellung; bekannt sind: %1</translation>
    </message>
</context>
</TS>
