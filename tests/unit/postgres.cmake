# PostgreSQL storage test: runs when CRENEAU_TEST_PG_URL names a database (tools/pg-throwaway.sh prints one)
# whose role may CREATE DATABASE; reported as skipped otherwise.
#   url=$(tools/pg-throwaway.sh) && CRENEAU_TEST_PG_URL=$url ctest -L postgres; tools/pg-throwaway.sh stop "$url"
add_executable(store_postgres_test ${CMAKE_CURRENT_LIST_DIR}/store_postgres_test.cpp)
target_link_libraries(store_postgres_test PRIVATE creneau_store GTest::gtest_main creneau_warnings)
# (A skipped GoogleTest is reported as skipped by ctest: gtest_discover_tests sets SKIP_REGULAR_EXPRESSION.)
gtest_discover_tests(store_postgres_test PROPERTIES LABELS postgres)
