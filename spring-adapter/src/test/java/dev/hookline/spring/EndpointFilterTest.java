package dev.hookline.spring;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class EndpointFilterTest {

    @Test
    void aRequestBeforeTheEndpointIsBuiltIsAskedToComeBackAndGoesNoFurther() throws Exception {
        EndpointFilter filter = new EndpointFilter("exa");
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);

        filter.doFilter(request, response, chain);

        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "1");
        verifyNoInteractions(chain);
    }
}
