// Runs a store command body, turning store and SQLite errors into a message on stderr and
// exit status 2.
#pragma once
#include <iostream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/store.hpp"

namespace pingcha::cli {

template <class F>
int store_guarded(F&& body) {
    try {
        return body();
    } catch (const store::StoreError& e) {
        std::cerr << "pingcha: " << e.what() << "\n";
    } catch (const SQLite::Exception& e) {
        std::cerr << "pingcha: 评查库错误：" << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "pingcha: " << e.what() << "\n";
    }
    return 2;
}

}  // namespace pingcha::cli
