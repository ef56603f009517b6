/** The forecasting service: owns forecasting, holding forecasts, prediction batches and model performance metrics. */
package com.bakeryia.forecasting;
