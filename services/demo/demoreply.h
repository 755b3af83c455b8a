#pragma once

#include <QByteArray>

#include <chrono>

namespace Console {

// One answer a demo region has decided to give, and how long to hold it back first.
struct DemoReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    std::chrono::milliseconds delay { 0 };
};

} // namespace Console
