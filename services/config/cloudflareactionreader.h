#pragma once

#include "actionconfig.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace Console {

class ConfigValidator;
class YamlMapping;
class YamlNodeReader;
struct ConfigScalar;
struct YamlField;

// Reads the keys of a cloudflare-dns or cloudflare-pool action (ActionReader has read its id,
// kind and timeout and rejected the keys of other kinds). Internal to console_config.
class CloudflareActionReader final
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareActionReader)
    Q_DISABLE_COPY_MOVE(CloudflareActionReader)

public:
    // `label` names the action in messages ("action \"dns-switch\"").
    CloudflareActionReader(
        YamlNodeReader &reader, ConfigValidator &validator, const QString &label);

    static const QStringList &commonKeys(); // api_base, api_token
    static const QStringList &dnsKeys();
    static const QStringList &poolKeys();

    void read(const YamlMapping &map, ActionConfig &action);

private:
    void readCommon(const YamlMapping &map, ActionConfig &action);
    void readDns(const YamlMapping &map, ActionConfig &action);
    void checkRecordContent(
        const YamlField &field, const ConfigScalar &content, const ActionConfig &action);
    void readPool(const YamlMapping &map, ActionConfig &action);
    QStringList readNameList(const YamlField &field);
    // A required non-empty value; reported as missing or empty otherwise.
    std::optional<ConfigScalar> required(const YamlMapping &map, const QString &key);

    YamlNodeReader &m_reader;
    ConfigValidator &m_validator;
    QString m_label;
};

} // namespace Console
