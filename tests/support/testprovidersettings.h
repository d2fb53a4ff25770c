#pragma once

#include "core/provider.h"
#include "settings/providersettings.h"

#include <QByteArray>
#include <QString>

namespace forgelink {

// A provider's section of agent.yaml as the agent reads it, for tests that build an AgentConfig
// by hand: its API at `baseUrl`, `credential` as its token (GitHub: the App's ID, with the test
// key), and `webhookSecret` as what its deliveries must carry.
ProviderSettings testProviderSettings(Provider provider, const QString &baseUrl, const QByteArray &credential,
                                      const QByteArray &webhookSecret);

} // namespace forgelink
