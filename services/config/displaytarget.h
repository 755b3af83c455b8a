#pragma once

#include <QString>
#include <QStringView>

namespace Console {

// Builds EndpointConfig::displayTarget: what the window and the logs may show of a target.
// It works on text rather than QUrl because the input may hold "${NAME}" placeholders where a
// secret from the environment was substituted, and those must survive as written.
class DisplayTarget final
{
public:
    // The URL without user info, query or fragment (API keys travel in all three).
    static QString forUrl(QStringView url);

    // The connection string without its password, in either libpq form.
    static QString forConnectionString(QStringView connection);
};

} // namespace Console
