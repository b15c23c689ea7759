# Sanitizer builds: -DCRENEAU_SANITIZE=address,undefined (ASan + UBSan) or =thread (TSan), for every target.
# Any report is fatal (no recovery), so a test run fails on the first finding. See tools/ci-sanitizers.sh.
set(CRENEAU_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread (empty: none)")
if(CRENEAU_SANITIZE)
  if(CRENEAU_SANITIZE MATCHES "thread" AND CRENEAU_SANITIZE MATCHES "address")
    message(FATAL_ERROR "CRENEAU_SANITIZE: ThreadSanitizer cannot be combined with AddressSanitizer")
  endif()
  message(STATUS "Sanitizers: ${CRENEAU_SANITIZE}")
  add_compile_options(-fsanitize=${CRENEAU_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CRENEAU_SANITIZE})
  if(CRENEAU_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC warns that TSan does not model std::atomic_thread_fence (used inside libstdc++ and Asio); no code of
    # ours synchronises through bare fences.
    add_compile_options(-Wno-tsan)
  endif()
endif()
