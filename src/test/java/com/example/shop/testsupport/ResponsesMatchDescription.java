package com.example.shop.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every answer a test receives through the context's {@code MockMvc} is checked against the description the same
 * application publishes ({@link ApiDescription}), before the test's own expectations: a test needs to do nothing
 * for it. {@link IntegrationTest} imports it, so each test context checks against its own description,
 * read once, at its first request.
 */
public class ResponsesMatchDescription implements MockMvcBuilderCustomizer {

    private final WebApplicationContext context;

    private volatile ApiDescription description;

    ResponsesMatchDescription(WebApplicationContext context) {
        this.context = context;
    }

    @Override
    public void customize(ConfigurableMockMvcBuilder<?> builder) {
        builder.alwaysDo(this::check);
    }

    private void check(MvcResult result) throws Exception {
        MockHttpServletRequest request = result.getRequest();
        MockHttpServletResponse response = result.getResponse();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.isAsyncStarted() || !ApiDescription.checks(path, response.getContentType())) {
            // an asynchronous answer is checked when the test dispatches its result (asyncDispatch)
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, response.getHeaders(name));
        }
        description().assertMatches(request.getMethod(), path, response.getStatus(), response.getContentType(),
                headers, response.getContentAsString(StandardCharsets.UTF_8));
    }

    private ApiDescription description() throws Exception {
        ApiDescription read = description;
        if (read == null) {
            // a MockMvc of its own: the test's would check this request too, and the description is public
            String json = MockMvcBuilders.webAppContextSetup(context).build().perform(get(ApiDescription.PATH))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            read = ApiDescription.of(json);
            description = read;
        }
        return read;
    }
}
