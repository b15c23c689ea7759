#pragma once
// JSON in and out for route handlers: the umbrella of the request readers, the entity mappers and the slot
// writer. Included only by the route translation units (nlohmann-json is heavy); code that needs one part
// includes its header.
#include "http/json_entities.hpp"
#include "http/json_read.hpp"
#include "http/slot_writer.hpp"
