// Swagger UI on the station's own document (the webjar's initializer shows the Petstore example).
// Relative to /swagger-ui/index.html, so a station behind a path prefix still finds it; the browser
// sends the admin's session with it.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../v3/api-docs",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // A station may have no internet: no spec validation by validator.swagger.io.
    validatorUrl: "none",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
