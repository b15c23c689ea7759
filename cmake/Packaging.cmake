# Installation (`cmake --install`): the binary in bin/, the built web UI in share/creneau/web (where the binary
# looks for it), the systemd unit and its settings file; and the Debian package (`cpack -G DEB` in build/).
include(GNUInstallDirs)
install(TARGETS creneau RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The web UI must be built first (tools/build.sh, or npm ci && npm run build in web/).
install(CODE "if(NOT EXISTS \"${PROJECT_SOURCE_DIR}/web/dist/index.html\")
  message(FATAL_ERROR \"web/dist is not built: run tools/build.sh (or npm ci && npm run build in web/) first\")
endif()")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION ${CMAKE_INSTALL_DATADIR}/creneau/web)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/reverse-proxy.md
              ${PROJECT_SOURCE_DIR}/docs/prometheus.yml ${PROJECT_SOURCE_DIR}/docs/openapi.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/creneau.service DESTINATION lib/systemd/system)
# The settings file goes to /etc for the /usr prefix (the package), else to PREFIX/etc: a --prefix install never
# writes outside its prefix.
install(CODE "
  if(CMAKE_INSTALL_PREFIX MATCHES \"/usr$\")
    string(REGEX REPLACE \"/usr$\" \"\" creneau_root \"\${CMAKE_INSTALL_PREFIX}\")
  else()
    set(creneau_root \"\${CMAKE_INSTALL_PREFIX}\")
  endif()
  file(INSTALL DESTINATION \"\${creneau_root}/etc/creneau\" TYPE FILE
       PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ FILES \"${PROJECT_SOURCE_DIR}/packaging/creneau.env\")
")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME creneau)
set(CPACK_PACKAGE_VENDOR "Creneau")
set(CPACK_PACKAGE_CONTACT "Creneau maintainers <maintainers@creneau.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Appointment booking and client files for salons (server and web UI)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # creneau_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # the shared libraries' packages, from dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql, caddy | nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm ${PROJECT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
