# SPDX-License-Identifier: Apache-2.0
# Installing and packaging chipgap (docs/install.md). `cmake --install build --prefix P` lays out
#   P/bin/chipgap                    the CLI and server; finds P/share/chipgap/{data,web} beside itself
#   P/share/chipgap/data             the built-in catalog, rules, models, scenarios
#   P/share/chipgap/web              the built dashboard (when web/dist was built)
#   P/${CHIPGAP_PYTHON_INSTALL_DIR}  the Python module, which finds P/share/chipgap/data the same way
# `cpack -G DEB` in the build directory makes a Debian package of the same files under /usr, and the
# `python_wheel` target a wheel for virtual environments.

set(CHIPGAP_PYTHON_INSTALL_DIR "lib/python3/dist-packages" CACHE STRING
    "Where the Python module goes under the install prefix (Debian's layout for /usr by default)")

install(TARGETS chipgap RUNTIME DESTINATION bin)
install(DIRECTORY ${CHIPGAP_DATA_DIR}/ DESTINATION share/chipgap/data)
# OPTIONAL: a build without Node.js still installs the CLI and the API; `serve` then says the dashboard is missing.
install(DIRECTORY ${CHIPGAP_WEB_DIR}/ DESTINATION share/chipgap/web OPTIONAL)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/chipgap)

if(TARGET _chipgap)
  install(TARGETS _chipgap LIBRARY DESTINATION ${CHIPGAP_PYTHON_INSTALL_DIR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/chipgap DESTINATION ${CHIPGAP_PYTHON_INSTALL_DIR}
          PATTERN __pycache__ EXCLUDE)

  # A wheel for a virtual environment (no PyPI needed): the module, its Python package and the data, which
  # pip puts under the environment's prefix (share/chipgap/data), where the module looks for it.
  file(GLOB_RECURSE chipgap_wheel_inputs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/python/chipgap/*.py
       ${CHIPGAP_DATA_DIR}/*.yaml)
  set(chipgap_wheel_stamp ${CMAKE_BINARY_DIR}/python/dist/wheel.stamp)
  add_custom_command(
    OUTPUT ${chipgap_wheel_stamp}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/build_wheel.py
            --version ${PROJECT_VERSION} --extension $<TARGET_FILE:_chipgap>
            --package ${PROJECT_SOURCE_DIR}/python/chipgap --data ${CHIPGAP_DATA_DIR}
            --out ${CMAKE_BINARY_DIR}/python/dist
    COMMAND ${CMAKE_COMMAND} -E touch ${chipgap_wheel_stamp}
    DEPENDS _chipgap ${chipgap_wheel_inputs} ${PROJECT_SOURCE_DIR}/scripts/build_wheel.py
    COMMENT "Building the chipgap wheel"
    VERBATIM)
  add_custom_target(python_wheel ALL DEPENDS ${chipgap_wheel_stamp})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME chipgap)
set(CPACK_PACKAGE_VENDOR "chipgap")
set(CPACK_PACKAGE_CONTACT "chipgap maintainers <chipgap@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AI accelerators under export controls: rules engine, performance models, cited catalog")
set(CPACK_PACKAGE_DESCRIPTION
    "chipgap classifies AI accelerators under US export controls and China's import measures, estimates what they do for training and serving large models, and compares chips, national compute and policies, over a cited data catalog. CLI, HTTP API with a web dashboard, and a Python module.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The shared libraries the binaries link (yaml-cpp, fmt, Open MPI, ...) become Depends: through dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3 (>= 3.11)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-pandas")
set(CPACK_STRIP_FILES ON)
include(CPack)
