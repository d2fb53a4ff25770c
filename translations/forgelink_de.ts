<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>forgelink::CopyableValue</name>
    <message>
        <location filename="../app/copyablevalue.cpp" line="14" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../app/copyablevalue.cpp" line="15" />
        <source>Copy value</source>
        <translation>Wert kopieren</translation>
    </message>
</context>
<context>
    <name>forgelink::FinishPage</name>
    <message>
        <location filename="../app/finishpage.cpp" line="21" />
        <source>&amp;Write the files</source>
        <translation>Dateien &amp;schreiben</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="22" />
        <source>&amp;Open the folder</source>
        <translation>Ordner ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="24" />
        <source>Write the files</source>
        <translation>Dateien schreiben</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="25" />
        <source>values.yaml goes to Pipekit's Helm chart, agent.yaml to forgelink-agent. Both hold secrets and are written readable by you only.</source>
        <translation>values.yaml ist für Pipekits Helm-Chart, agent.yaml für forgelink-agent. Beide enthalten Geheimnisse und werden nur für Sie lesbar geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="33" />
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="38" />
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="41" />
        <source>Then run:</source>
        <translation>Danach ausführen:</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="55" />
        <source>Where to write the files</source>
        <translation>Wohin die Dateien geschrieben werden</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="91" />
        <location filename="../app/finishpage.cpp" line="95" />
        <source>Nothing was written: %1</source>
        <translation>Es wurde nichts geschrieben: %1</translation>
    </message>
    <message>
        <location filename="../app/finishpage.cpp" line="100" />
        <source>Wrote %1 and %2.</source>
        <translation>%1 und %2 wurden geschrieben.</translation>
    </message>
</context>
<context>
    <name>forgelink::GitHubPage</name>
    <message>
        <location filename="../app/githubpage.cpp" line="35" />
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="36" />
        <source>Create a GitHub App for Pipekit in your organization, then enter its details here.</source>
        <translation>Legen Sie in Ihrer Organisation eine GitHub App für Pipekit an und tragen Sie dann hier ihre Daten ein.</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="40" />
        <source>1. Where</source>
        <translation>1. Wo</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="45" />
        <source>acme (empty: your personal account)</source>
        <translation>acme (leer: Ihr persönliches Konto)</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="48" />
        <source>GitHub Enterprise Server: https://HOST/api/v3</source>
        <translation>GitHub Enterprise Server: https://HOST/api/v3</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="49" />
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="50" />
        <source>GitHub &amp;API URL:</source>
        <translation>GitHub-&amp;API-URL:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="53" />
        <source>2. Create the App on GitHub with these settings</source>
        <translation>2. Die App auf GitHub mit diesen Einstellungen anlegen</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="59" />
        <source>Homepage URL:</source>
        <translation>Homepage-URL:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="60" />
        <source>Callback URL:</source>
        <translation>Callback-URL:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="61" />
        <source>Second callback URL:</source>
        <translation>Zweite Callback-URL:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="62" />
        <source>Webhook URL:</source>
        <translation>Webhook-URL:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="65" />
        <source>Tick "Request user authorization (OAuth) during installation". Repository permissions, all Read &amp; Write: %1. Subscribe to events: Create, Pull request, Push, Repository. Then generate a client secret and a private key.</source>
        <translation>Kreuzen Sie „Request user authorization (OAuth) during installation“ an. Repository-Berechtigungen, alle Read &amp; Write: %1. Ereignisse abonnieren: Create, Pull request, Push, Repository. Erzeugen Sie danach ein Client Secret und einen privaten Schlüssel.</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="70" />
        <source>Open GitHub's "&amp;New GitHub App" page</source>
        <translation>GitHub-Seite „&amp;New GitHub App“ öffnen</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="75" />
        <source>3. The App's details</source>
        <translation>3. Die Daten der App</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="89" />
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="90" />
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="97" />
        <source>App &amp;name:</source>
        <translation>App-&amp;Name:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="98" />
        <source>App &amp;ID:</source>
        <translation>App-&amp;ID:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="99" />
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="100" />
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Secret:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="101" />
        <source>&amp;Private key (.pem):</source>
        <translation>&amp;Privater Schlüssel (.pem):</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="102" />
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="104" />
        <source>The GitHub App's private key</source>
        <translation>Der private Schlüssel der GitHub App</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="105" />
        <source>Private keys (*.pem);;All files (*)</source>
        <translation>Private Schlüssel (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/githubpage.cpp" line="173" />
        <source>(the key from the opened values file)</source>
        <translation>(der Schlüssel aus der geöffneten Values-Datei)</translation>
    </message>
</context>
<context>
    <name>forgelink::HostPage</name>
    <message>
        <location filename="../app/hostpage.cpp" line="16" />
        <source>Pipekit's address</source>
        <translation>Pipekits Adresse</translation>
    </message>
    <message>
        <location filename="../app/hostpage.cpp" line="17" />
        <source>The host name your users open Pipekit at. Every URL the providers need derives from it.</source>
        <translation>Der Hostname, unter dem Ihre Benutzer Pipekit öffnen. Alle URLs, die die Anbieter brauchen, leiten sich davon ab.</translation>
    </message>
    <message>
        <location filename="../app/hostpage.cpp" line="23" />
        <source>&amp;Host name:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <location filename="../app/hostpage.cpp" line="46" />
        <source>Homepage: %1</source>
        <translation>Homepage: %1</translation>
    </message>
    <message>
        <location filename="../app/hostpage.cpp" line="48" />
        <source>GitHub callback: %1</source>
        <translation>GitHub-Callback: %1</translation>
    </message>
    <message>
        <location filename="../app/hostpage.cpp" line="50" />
        <source>%1 webhook: %2</source>
        <translation>%1-Webhook: %2</translation>
    </message>
</context>
<context>
    <name>forgelink::ProvidersPage</name>
    <message>
        <location filename="../app/providerspage.cpp" line="28" />
        <source>Git providers</source>
        <translation>Git-Anbieter</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="29" />
        <source>Choose every provider Pipekit should work with. Each gets a page of its own.</source>
        <translation>Wählen Sie alle Anbieter, mit denen Pipekit arbeiten soll. Jeder bekommt eine eigene Seite.</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="31" />
        <source>&amp;GitHub (github.com or GitHub Enterprise Server)</source>
        <translation>&amp;GitHub (github.com oder GitHub Enterprise Server)</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="32" />
        <source>Git&amp;Lab (gitlab.com or self-managed)</source>
        <translation>Git&amp;Lab (gitlab.com oder selbst betrieben)</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="33" />
        <source>&amp;Bitbucket Data Center</source>
        <translation>&amp;Bitbucket Data Center</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="34" />
        <source>&amp;Azure DevOps (Services or Server)</source>
        <translation>&amp;Azure DevOps (Services oder Server)</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="42" />
        <source>Network (only if your providers need it)</source>
        <translation>Netzwerk (nur wenn Ihre Anbieter es brauchen)</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="44" />
        <source>/etc/ssl/company-ca.pem</source>
        <translation>/etc/ssl/firmen-ca.pem</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="46" />
        <source>Extra &amp;CA certificates:</source>
        <translation>Zusätzliche &amp;CA-Zertifikate:</translation>
    </message>
    <message>
        <location filename="../app/providerspage.cpp" line="48" />
        <source>HTTP(S) &amp;proxy:</source>
        <translation>HTTP(S)-&amp;Proxy:</translation>
    </message>
</context>
<context>
    <name>forgelink::ReviewPage</name>
    <message>
        <location filename="../app/reviewpage.cpp" line="54" />
        <source>&amp;Show secrets</source>
        <translation>Geheimnisse an&amp;zeigen</translation>
    </message>
    <message>
        <location filename="../app/reviewpage.cpp" line="56" />
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <location filename="../app/reviewpage.cpp" line="57" />
        <source>These are the files that will be written. Secrets are masked until you ask to see them.</source>
        <translation>Diese Dateien werden geschrieben. Geheimnisse bleiben verdeckt, bis Sie sie anzeigen lassen.</translation>
    </message>
    <message>
        <location filename="../app/reviewpage.cpp" line="68" />
        <source>values.yaml</source>
        <translation>values.yaml</translation>
    </message>
    <message>
        <location filename="../app/reviewpage.cpp" line="69" />
        <source>agent.yaml</source>
        <translation>agent.yaml</translation>
    </message>
    <message>
        <location filename="../app/reviewpage.cpp" line="96" />
        <source>Fix these first:
%1</source>
        <translation>Beheben Sie zuerst:
%1</translation>
    </message>
</context>
<context>
    <name>forgelink::SecretStore</name>
    <message>
        <location filename="../app/secretstore.cpp" line="41" />
        <source>Could not keep %1 in the keychain: %2</source>
        <translation>%1 konnte nicht im Schlüsselbund gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>forgelink::SetupWizard</name>
    <message>
        <location filename="../app/setupwizard.cpp" line="25" />
        <source>forgelink: connect Pipekit to your Git providers</source>
        <translation>forgelink: Pipekit mit Ihren Git-Anbietern verbinden</translation>
    </message>
    <message>
        <location filename="../app/setupwizard.cpp" line="73" />
        <source>Secrets are kept in your keychain between sessions.</source>
        <translation>Geheimnisse werden zwischen den Sitzungen in Ihrem Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../app/setupwizard.cpp" line="74" />
        <source>No keychain is available (%1): secrets are kept in memory only and must be entered again next time.</source>
        <translation>Kein Schlüsselbund verfügbar (%1): Geheimnisse bleiben nur im Speicher und müssen beim nächsten Mal erneut eingegeben werden.</translation>
    </message>
    <message>
        <location filename="../app/setupwizard.cpp" line="114" />
        <source>Could not open it: %1</source>
        <translation>Konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/setupwizard.cpp" line="123" />
        <source>Opened %1: its settings fill the pages. Access tokens are not in it; enter them again.</source>
        <translation>%1 geöffnet: Die Einstellungen füllen die Seiten. Zugriffstoken sind nicht enthalten; geben Sie sie erneut ein.</translation>
    </message>
</context>
<context>
    <name>forgelink::TokenProviderPage</name>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="25" />
        <source>A personal access token of a user who maintains the projects, with the scopes %1.</source>
        <translation>Ein persönliches Zugriffstoken eines Benutzers, der die Projekte betreut, mit den Berechtigungen %1.</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="29" />
        <source>An HTTP access token with the permissions %1.</source>
        <translation>Ein HTTP-Zugriffstoken mit den Berechtigungen %1.</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="32" />
        <source>A personal access token with Code (Read, Write &amp; Status) and Project &amp; Team (Read), of a Project Administrator or a user with "Edit subscriptions".</source>
        <translation>Ein persönliches Zugriffstoken mit Code (Read, Write &amp; Status) und Project &amp; Team (Read), von einem Projektadministrator oder einem Benutzer mit „Edit subscriptions“.</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="60" />
        <source>&amp;Organization URL:</source>
        <translation>&amp;Organisations-URL:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="60" />
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="61" />
        <source>Personal access &amp;token:</source>
        <translation>Persönliches Zugriffs&amp;token:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="61" />
        <source>HTTP access &amp;token:</source>
        <translation>HTTP-Zugriffs&amp;token:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="65" />
        <source>Webhook Basic auth &amp;user:</source>
        <translation>Webhook-Basic-Auth-&amp;Benutzer:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="67" />
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="71" />
        <source>Webhook Basic auth &amp;password:</source>
        <translation>Webhook-Basic-Auth-&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../app/tokenproviderpage.cpp" line="71" />
        <source>&amp;Webhook secret:</source>
        <translation>&amp;Webhook-Geheimnis:</translation>
    </message>
</context>
<context>
    <name>forgelink::VerifyPanel</name>
    <message>
        <location filename="../app/verifypanel.cpp" line="14" />
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="15" />
        <source>Cancel check</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="20" />
        <source>Checks the credentials against %1's API</source>
        <translation>Prüft die Zugangsdaten gegen die API von %1</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="23" />
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="63" />
        <source>Checking with %1…</source>
        <translation>Prüfung bei %1…</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="77" />
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="82" />
        <source>&lt;b style='color:#1b5e20'&gt;Verified.&lt;/b&gt;</source>
        <translation>&lt;b style='color:#1b5e20'&gt;Geprüft.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="82" />
        <source>&lt;b style='color:#b00020'&gt;Not verified.&lt;/b&gt;</source>
        <translation>&lt;b style='color:#b00020'&gt;Nicht bestätigt.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../app/verifypanel.cpp" line="91" />
        <source>Next, &lt;a href="%1"&gt;install the App&lt;/a&gt; on the repositories Pipekit should build.</source>
        <translation>Als Nächstes &lt;a href="%1"&gt;installieren Sie die App&lt;/a&gt; auf den Repositories, die Pipekit bauen soll.</translation>
    </message>
</context>
<context>
    <name>forgelink::WelcomePage</name>
    <message>
        <location filename="../app/welcomepage.cpp" line="12" />
        <source>Connect Pipekit to your Git providers</source>
        <translation>Pipekit mit Ihren Git-Anbietern verbinden</translation>
    </message>
    <message>
        <location filename="../app/welcomepage.cpp" line="13" />
        <source>&lt;p&gt;This wizard sets up Pipekit's integrations with GitHub, GitLab, Bitbucket Data Center and Azure DevOps, and writes two files:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;values.yaml&lt;/b&gt; for Pipekit's Helm chart;&lt;/li&gt;&lt;li&gt;&lt;b&gt;agent.yaml&lt;/b&gt; for forgelink-agent, which receives the webhooks and keeps the list of repositories.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Have at hand: the host name Pipekit is reached at, an owner account of your GitHub organization, and access tokens for the other providers you use.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieser Assistent richtet Pipekits Anbindung an GitHub, GitLab, Bitbucket Data Center und Azure DevOps ein und schreibt zwei Dateien:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;values.yaml&lt;/b&gt; für Pipekits Helm-Chart;&lt;/li&gt;&lt;li&gt;&lt;b&gt;agent.yaml&lt;/b&gt; für forgelink-agent, der die Webhooks empfängt und die Liste der Repositories führt.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Halten Sie bereit: den Hostnamen, unter dem Pipekit erreichbar ist, ein Owner-Konto Ihrer GitHub-Organisation und Zugriffstoken für die anderen Anbieter, die Sie nutzen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/welcomepage.cpp" line="23" />
        <source>&amp;Open an existing values.yaml…</source>
        <translation>Vorhandene values.yaml ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/welcomepage.cpp" line="36" />
        <source>Open values.yaml</source>
        <translation>values.yaml öffnen</translation>
    </message>
    <message>
        <location filename="../app/welcomepage.cpp" line="36" />
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML-Dateien (*.yaml *.yml)</translation>
    </message>
</context>
</TS>